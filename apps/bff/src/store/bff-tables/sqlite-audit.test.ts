import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AuditListQuery,
  type AuditAction,
  type AuditEntry,
  type AuditListQueryInput,
} from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditStore, NewAuditEntry } from '../../audit/audit-store.ts';
import Database from 'better-sqlite3';
import { applyMigrations, migrations } from '../migrations.ts';
import { sqliteAuditStore } from './sqlite-audit.ts';
import { openSqliteStore, type SqliteStore } from '../engine-store/sqlite-store.ts';

const ACTORS = ['ann@acme.example', 'bob@acme.example', 'cy@acme.example'];
const ACTIONS: AuditAction[] = ['reactivateUser', 'setMessageService', 'setMaintenance', 'signIn'];
const START = Date.parse('2025-03-01T00:00:00Z');
const ENTRIES = 2400;

let directory: string;
let store: SqliteStore;
let audit: AuditStore;
/** What was appended to Acme's log, oldest first, as the store answered it. */
const acme: AuditEntry[] = [];

function entry(i: number, at: number): NewAuditEntry {
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

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-audit-'));
  store = openSqliteStore(path.join(directory, 'audit.db'));
  await store.useConnection((db) =>
    db.exec("INSERT INTO organizations (id, name) VALUES ('acme', 'Acme'), ('globex', 'Globex')"),
  );
  audit = sqliteAuditStore(store);
  for (let i = 0; i < ENTRIES; i++) {
    // A minute apart, except that every 100th entry's clock stepped back ten minutes.
    const at = START + i * 60_000 - (i % 100 === 99 ? 600_000 : 0);
    acme.push(await audit.appendAuditEntry(entry(i, at)));
    if (i % 10 === 0) await audit.appendAuditEntry({ ...entry(i, at), orgId: 'globex' });
  }
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

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
  const page = await audit.listAuditEntries('acme', AuditListQuery.parse(input));
  return { ids: page.items.map((e) => e.id), total: page.total };
}

const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

describe('the SQLite audit store', () => {
  it('numbers each organization’s entries 1, 2, 3… and never lets time go back', () => {
    expect(acme.map((e) => e.id)).toEqual(acme.map((_, i) => String(i + 1)));
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
      { actor: 'ann@acme.example', action: 'reactivateUser', result: 'succeeded', targetId: 'u12' },
    ],
    ['a range that holds nothing', { from: at(5000) }],
    ['an unknown actor', { actor: 'nobody@acme.example' }],
  ])('pages %s as a filter over every entry would', async (_label, query) => {
    expect(await listed(query)).toEqual(expected(query));
  });

  it('exports every matching entry, newest first, across batches', async () => {
    const query = AuditListQuery.parse({ action: 'reactivateUser', from: at(500) });
    const exported: string[] = [];
    for await (const batch of audit.exportAuditEntries('acme', query, 64)) {
      exported.push(...batch.map((e) => e.id));
    }
    const all = expected({ ...query, pageSize: 100, page: 1 });
    expect(exported).toHaveLength(all.total);
    expect(exported.slice(0, 100)).toEqual(all.ids);
    expect(exported.map(Number)).toEqual(exported.map(Number).sort((a, b) => b - a));
  });

  it("keeps each organization's log apart", async () => {
    const globex = await audit.listAuditEntries('globex', AuditListQuery.parse({ pageSize: 100 }));
    expect(globex.total).toBe(ENTRIES / 10);
    expect(globex.items.every((e) => e.organizationId === 'globex')).toBe(true);
    expect(globex.items[0]!.id).toBe(String(ENTRIES / 10));
    const none = await audit.listAuditEntries('initech', AuditListQuery.parse({}));
    expect(none).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
  });
});

describe('entries written before request ids were kept (migration 11)', () => {
  it('read with no request id, and the log goes on with ids after the upgrade', async () => {
    const file = path.join(directory, 'before-11.db');
    const db = new Database(file);
    applyMigrations(
      db,
      migrations.filter((m) => m.version < 11),
    );
    db.exec(`INSERT INTO organizations (id, name) VALUES ('acme', 'Acme');
      INSERT INTO audit_entries (org_id, seq, at, actor_email, actor_role, action, outcome, status,
        client_address)
      VALUES ('acme', 1, ${START}, 'ann@acme.example', 'full-admin', 'signIn', 'succeeded', 201,
        '10.0.0.1')`);
    db.close();

    const upgraded = openSqliteStore(file);
    try {
      const log = sqliteAuditStore(upgraded);
      await log.appendAuditEntry(entry(1, START + 60_000));
      const { items } = await log.listAuditEntries('acme', AuditListQuery.parse({}));
      expect(items.map((e) => [e.id, e.requestId])).toEqual([
        ['2', 'req-1'],
        ['1', null],
      ]);
    } finally {
      await upgraded.close();
    }
  });
});
