import type { AuditEntry, UserSummary } from '@hybrid-hub/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectProblem } from '../testing/api.ts';
import { startTestBff, type ApiClient, type TestBff } from '../testing/test-bff.ts';

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff();
});
afterAll(() => bff.destroy());

const USERS_CSV = '/api/v1/users/export.csv';
const AUDIT_CSV = '/api/v1/audit/export.csv';

/**
 * Keeps every download under way until `finish` is called: each sends its first batch (so its
 * 200 and headers arrive), then waits, as a download of 200,000 users would still be reading.
 */
function holdDownloads() {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const held = <T>(first: AsyncIterable<T[]>) =>
    (async function* () {
      for await (const batch of first) {
        yield batch;
        break;
      }
      await finished;
    })();
  const exportUsers = bff.engine.exportUsers.bind(bff.engine);
  const exportAudit = bff.audit.exportAuditEntries.bind(bff.audit);
  const spies = [
    vi
      .spyOn(bff.engine, 'exportUsers')
      .mockImplementation((orgId, query) => held<UserSummary>(exportUsers(orgId, query))),
    vi
      .spyOn(bff.audit, 'exportAuditEntries')
      .mockImplementation((orgId, query) => held<AuditEntry>(exportAudit(orgId, query))),
  ];
  return {
    finish: () => {
      finish();
      for (const spy of spies) spy.mockRestore();
    },
  };
}

let hold: ReturnType<typeof holdDownloads> | undefined;
const started: Response[] = [];
afterEach(async () => {
  hold?.finish();
  // Every download to its end (or its client gone): the next test starts with none under way.
  await Promise.all(started.splice(0).map((response) => response.text().catch(() => '')));
});

/** Starts `count` downloads at once; resolves when each has its status (bodies left unread). */
async function download(client: ApiClient, path: string, count = 1, signal?: AbortSignal) {
  const responses = await Promise.all(
    Array.from({ length: count }, () =>
      fetch(`${bff.url}${path}`, { headers: client.headers, signal }),
    ),
  );
  started.push(...responses);
  return responses;
}

const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

async function expectRefused(response: Response, whose: RegExp) {
  expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  const problem = await expectProblem(response, 429, 'rate_limited');
  expect(problem.detail).toMatch(whose);
}

describe('CSV downloads under way at once', () => {
  it('are two per session: the rest are refused with Retry-After, and another session is served', async () => {
    hold = holdDownloads();
    const first = await download(bff, USERS_CSV, 6);
    expect(statuses(first)).toEqual([200, 200, 429, 429, 429, 429]);
    for (const refused of first.filter((r) => r.status === 429)) {
      await expectRefused(refused, /this session already has 2 under way/);
    }
    // Every CSV route counts towards the same limit.
    await expectRefused((await download(bff, AUDIT_CSV))[0]!, /this session/);

    // Another session of the organization reads its pages and starts its own downloads.
    const readOnly = await bff.signIn('readonly@acme.example');
    for (let i = 0; i < 5; i++) {
      expect((await readOnly.get('/api/v1/users?pageSize=50')).status).toBe(200);
    }
    expect(statuses(await download(readOnly, AUDIT_CSV))).toEqual([200]);

    hold.finish();
    // The downloads run to their end, and their places are free again.
    for (const response of first.filter((r) => r.status === 200)) {
      expect((await response.text()).length).toBeGreaterThan(0);
    }
    hold = holdDownloads();
    await vi.waitFor(async () => {
      const again = await download(bff, USERS_CSV, 2);
      expect(statuses(again)).toEqual([200, 200]);
    });
  });

  it('are four per organization, whichever sessions ask; other organizations are not counted', async () => {
    hold = holdDownloads();
    const readOnly = await bff.signIn('readonly@acme.example');
    const anotherTab = await bff.signIn('readonly@acme.example');
    expect(statuses(await download(bff, USERS_CSV, 2))).toEqual([200, 200]);
    expect(statuses(await download(readOnly, USERS_CSV, 2))).toEqual([200, 200]);
    await expectRefused(
      (await download(anotherTab, AUDIT_CSV))[0]!,
      /your organization .* 4 under/,
    );

    const globex = await bff.signIn('admin@globex.example');
    expect(statuses(await download(globex, USERS_CSV, 2))).toEqual([200, 200]);
    expect((await anotherTab.get('/api/v1/users?pageSize=50')).status).toBe(200);
  });

  it('give their place back when the client leaves half-way', async () => {
    hold = holdDownloads();
    const leaving = new AbortController();
    const readOnly = await bff.signIn('readonly@acme.example');
    expect(statuses(await download(readOnly, USERS_CSV, 2, leaving.signal))).toEqual([200, 200]);
    expect(statuses(await download(readOnly, USERS_CSV))).toEqual([429]);

    leaving.abort();
    await vi.waitFor(async () => {
      expect(statuses(await download(readOnly, USERS_CSV))).toEqual([200]);
    });
  });
});
