import { AuditListResponse, REQUEST_ID_HEADER, type AuditEntry } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, usersIn } from '../testing/api.ts';
import { startTestBff, TEST_ADMIN, type ApiClient, type TestBff } from '../testing/test-bff.ts';

const MINUTE = 60_000;
const CHANGES_PER_MINUTE = 3;

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff({
    HUB_RATE_LIMIT: '1000',
    HUB_RATE_LIMIT_CHANGES: String(CHANGES_PER_MINUTE),
  });
});
afterAll(() => bff.destroy());

/** The log's entries of requests a rate limit refused, newest first. */
async function rateLimited(): Promise<AuditEntry[]> {
  const log = AuditListResponse.parse(await bff.json('/api/v1/audit?result=failed&pageSize=100'));
  return log.items.filter((e) => e.result.code === 'rate_limited');
}

/** Changes one after another up to the limit, then `burst` more at once; the burst's answers. */
async function overTheLimit(client: ApiClient, path: string, burst: number): Promise<Response[]> {
  for (let i = 0; i < CHANGES_PER_MINUTE; i++) {
    const response = await client.send('PUT', path, { enabled: i % 2 === 0 });
    expect(response.status, `change ${i + 1}`).toBe(200);
    await response.arrayBuffer();
  }
  return Promise.all(
    Array.from({ length: burst }, () => client.send('PUT', path, { enabled: true })),
  );
}

describe('changes refused by the rate limit', () => {
  it('leave one entry a window and client: the first refusal, saying for how long, not the rest', async () => {
    const [user] = await usersIn(bff, 'Active');
    const path = `/api/v1/users/${user!.id}/message-service`;
    const refused = await overTheLimit(bff, path, 8);
    // The limit answers as before: 429, problem+json, Retry-After.
    for (const response of refused) {
      await expectProblem(response, 429, 'rate_limited');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    const entries = await rateLimited();
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({
      actor: { email: TEST_ADMIN, role: 'full-admin' },
      action: 'setMessageService',
      target: { kind: 'user', id: user!.id },
      result: { outcome: 'failed', status: 429, code: 'rate_limited' },
      clientAddress: '127.0.0.1',
    });
    expect(entry!.detail).toMatch(/^Rate limit reached: further changes refused for \d+ s$/);
    // It is one of the burst's requests, named by the id its answer carried.
    const ids = refused.map((r) => r.headers.get(REQUEST_ID_HEADER));
    expect(ids).toContain(entry!.requestId);

    // Still within the window: more refusals, no more entries.
    await expectProblem(await bff.send('PUT', path, { enabled: false }), 429, 'rate_limited');
    expect(await rateLimited()).toHaveLength(1);

    // The next window: its first refusal is recorded again.
    bff.sessionClock.advance(MINUTE);
    await overTheLimit(bff, path, 3);
    const next = await rateLimited();
    expect(next).toHaveLength(2);
    expect(next[0]!.requestId).not.toBe(entry!.requestId);
    bff.sessionClock.advance(MINUTE);
  });

  it("counts each session apart: another admin's first refusal is recorded under that admin", async () => {
    const before = (await rateLimited()).length;
    const other = await bff.signIn('admin@globex.example');
    const [user] = (
      (await other.json('/api/v1/users?status=Active&pageSize=1')) as { items: { id: string }[] }
    ).items;
    await overTheLimit(other, `/api/v1/users/${user!.id}/message-service`, 4);
    // Globex's log has it; Acme's does not.
    expect(await rateLimited()).toHaveLength(before);
    const globex = AuditListResponse.parse(
      await other.json('/api/v1/audit?result=failed&pageSize=100'),
    ).items.filter((e) => e.result.code === 'rate_limited');
    expect(globex).toHaveLength(1);
    expect(globex[0]).toMatchObject({ actor: { email: 'admin@globex.example' } });
    bff.sessionClock.advance(MINUTE);
  });

  it('keeps a client without a session out of every log: it names no organization', async () => {
    const before = (await rateLimited()).length;
    const responses = await Promise.all(
      Array.from({ length: CHANGES_PER_MINUTE + 3 }, () =>
        bff.anonymous.send('POST', '/api/v1/users/any/reactivate'),
      ),
    );
    expect(responses.map((r) => r.status)).toContain(429);
    expect(await rateLimited()).toHaveLength(before);
    bff.sessionClock.advance(MINUTE);
  });
});
