import {
  AuditListQuery,
  type AuditAction,
  type AuditEntry,
  type AuditListQueryInput,
} from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditStore, NewAuditEntry } from '../../audit/audit-store.ts';

const ACTORS = ['ann@acme.example', 'bob@acme.example', 'cy@acme.example'];
const ACTIONS: AuditAction[] = ['reactivateUser', 'setMessageService', 'setMaintenance', 'signIn'];
export const AUDIT_START = Date.parse('2025-03-01T00:00:00Z');
export const AUDIT_ENTRIES = 2400;

/** The i-th entry of the suite's log (a minute apart, `at` given). */
export function auditEntry(i: number, at: number): NewAuditEntry {
  const failed = i % 7 === 0;
  return {
    orgId: 'acme',
    at,
    actor: { email: ACTORS[i % 3]!, role: 'full-admin' },
    action: ACTIONS[i % 4]!,
    detail: i % 4 === 1 ? 'on' : null,
    target: i % 4 === 3 ? null : { kind: 'user', id: `u${i % 50}`, label: null },
    result: failed
      ? { outcome: 'failed', status: 409, code: 'conflict' }
      : { outcome: 'succeeded', status: 200, code: null },
    clientAddress: '10.0.0.1',
    // A client may send the same id again (its own retries): ids repeat every 600 entries.
    requestId: `req-${i % 600}`,
  };
}

/** An audit store on an empty log with the organizations acme and globex, and its cleanup. */
export interface OpenedAuditStore {
  audit: AuditStore;
  close(): Promise<void>;
}

/** What a suite's store was filled with, as the store answered each append, oldest first. */
export interface AppendedLog {
  acme: AuditEntry[];
  globex: AuditEntry[];
  audit(): AuditStore;
}

/**
 * The audit store's behaviour, the same on every store: numbering, paging with filters as a
 * filter over everything appended would, the export's batches, organizations apart. Returns
 * what was appended, for a store's own tests after it.
 */
export function describeAuditStore(
  name: string,
  open: () => Promise<OpenedAuditStore>,
): AppendedLog {
  let opened: OpenedAuditStore;
  const log: AppendedLog = { acme: [], globex: [], audit: () => opened.audit };
  const { acme, globex } = log;

  beforeAll(async () => {
    opened = await open();
    for (let i = 0; i < AUDIT_ENTRIES; i++) {
      // A minute apart, except that every 100th entry's clock stepped back ten minutes.
      const at = AUDIT_START + i * 60_000 - (i % 100 === 99 ? 600_000 : 0);
      acme.push(await opened.audit.appendAuditEntry(auditEntry(i, at)));
      if (i % 10 === 0) {
        globex.push(await opened.audit.appendAuditEntry({ ...auditEntry(i, at), orgId: 'globex' }));
      }
    }
  }, 60_000);
  afterAll(() => opened.close());

  /** The same query answered by a filter over everything appended (newest first). */
  function expected(input: AuditListQueryInput): { ids: string[]; total: number } {
    const query = AuditListQuery.parse(input);
    const matches = acme
      .filter(
        (e) =>
          (query.actor === undefined || e.actor.email === query.actor) &&
          (query.action === undefined || e.action === query.action) &&
          (query.targetId === undefined || e.target?.id === query.targetId) &&
          (query.result === undefined || e.result.outcome === query.result) &&
          (query.requestId === undefined || e.requestId === query.requestId) &&
          (query.from === undefined || Date.parse(e.at) >= Date.parse(query.from)) &&
          (query.to === undefined || Date.parse(e.at) < Date.parse(query.to)),
      )
      .reverse();
    const offset = (query.page - 1) * query.pageSize;
    return {
      ids: matches.slice(offset, offset + query.pageSize).map((e) => e.id),
      total: matches.length,
    };
  }

  async function listed(input: AuditListQueryInput): Promise<{ ids: string[]; total: number }> {
    const page = await opened.audit.listAuditEntries('acme', AuditListQuery.parse(input));
    return { ids: page.items.map((e) => e.id), total: page.total };
  }

  const at = (minutes: number) => new Date(AUDIT_START + minutes * 60_000).toISOString();

  describe(`the ${name} audit store`, () => {
    it('gives each entry an id above the one before, and never lets time go back', () => {
      const ids = acme.map((e) => Number(e.id));
      expect(ids.every((id, i) => Number.isSafeInteger(id) && (i === 0 || id > ids[i - 1]!))).toBe(
        true,
      );
      const times = acme.map((e) => Date.parse(e.at));
      expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
      // The entry whose clock stepped back keeps its predecessor's time.
      expect(acme[99]!.at).toBe(acme[98]!.at);
    });

    it.each<[string, AuditListQueryInput]>([
      ['the first page', {}],
      ['a middle page', { page: 20, pageSize: 50 }],
      ['the last page, partly filled', { page: 25, pageSize: 99 }],
      ['past the end', { page: 1000, pageSize: 100 }],
      ['one actor, past the middle', { actor: 'bob@acme.example', page: 12, pageSize: 50 }],
      ['one action, first page', { action: 'setMaintenance', pageSize: 7 }],
      ['one action, the last page', { action: 'setMaintenance', page: 86, pageSize: 7 }],
      ['failed only, past the middle', { result: 'failed', page: 5, pageSize: 50 }],
      ['one target', { targetId: 'u7', pageSize: 100 }],
      ['one request id', { requestId: 'req-7' }],
      ['one request id, the second of its pages', { requestId: 'req-7', page: 2, pageSize: 3 }],
      ['an unknown request id', { requestId: 'req-600' }],
      ['a time range', { from: at(600), to: at(900), page: 2, pageSize: 100 }],
      ['a time range around a step back', { from: at(990), to: at(1010) }],
      [
        'a range and a filter, last page',
        { from: at(100), to: at(2000), actor: 'cy@acme.example', page: 13, pageSize: 50 },
      ],
      [
        'everything filtered at once',
        {
          actor: 'ann@acme.example',
          action: 'reactivateUser',
          result: 'succeeded',
          targetId: 'u12',
        },
      ],
      ['a range that holds nothing', { from: at(5000) }],
      ['an unknown actor', { actor: 'nobody@acme.example' }],
    ])('pages %s as a filter over every entry would', async (_label, query) => {
      expect(await listed(query)).toEqual(expected(query));
    });

    it('exports every matching entry, newest first, across batches', async () => {
      const query = AuditListQuery.parse({ action: 'reactivateUser', from: at(500) });
      const exported: string[] = [];
      for await (const batch of opened.audit.exportAuditEntries('acme', query, 64)) {
        exported.push(...batch.map((e) => e.id));
      }
      const all = expected({ ...query, pageSize: 100, page: 1 });
      expect(exported).toHaveLength(all.total);
      expect(exported.slice(0, 100)).toEqual(all.ids);
      expect(exported.map(Number)).toEqual(exported.map(Number).sort((a, b) => b - a));
    });

    it("keeps each organization's log apart", async () => {
      const page = await opened.audit.listAuditEntries(
        'globex',
        AuditListQuery.parse({ pageSize: 100 }),
      );
      expect(page.total).toBe(AUDIT_ENTRIES / 10);
      expect(page.items.every((e) => e.organizationId === 'globex')).toBe(true);
      expect(page.items.map((e) => e.id)).toEqual(
        globex
          .slice(-100)
          .reverse()
          .map((e) => e.id),
      );
      const none = await opened.audit.listAuditEntries('initech', AuditListQuery.parse({}));
      expect(none).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
    });
  });
  return log;
}
