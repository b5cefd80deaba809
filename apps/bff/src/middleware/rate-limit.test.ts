import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../testing/api.ts';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

const MINUTE = 60_000;

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff({
    HUB_RATE_LIMIT: '12',
    HUB_RATE_LIMIT_CHANGES: '3',
    HUB_RATE_LIMIT_UNAUTHORIZED: '4',
  });
});
afterAll(() => bff.destroy());

async function exhaust(send: () => Promise<Response>, limit: number): Promise<Response> {
  for (let i = 0; i < limit; i++) {
    const response = await send();
    expect(response.status, `request ${i + 1} of ${limit}`).not.toBe(429);
    await response.arrayBuffer();
  }
  return send();
}

describe('API rate limits', () => {
  it('stops a session past its requests per minute with a 429 problem and Retry-After, and only that session, for that minute', async () => {
    const readonly = await bff.signIn('readonly@acme.example');
    const other = await bff.signIn('support@acme.example');
    const blocked = await exhaust(() => readonly.get('/api/v1/users'), 12);
    const problem = await expectProblem(blocked, 429, 'rate_limited');
    expect(problem.detail).toMatch(
      /^Too many requests from this session\. Try again in \d+ seconds\.$/,
    );
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(blocked.headers.get('ratelimit-policy')).toContain('12');

    expect((await other.get('/api/v1/users')).status).toBe(200);
    // Liveness probes are never limited.
    expect((await readonly.get('/api/health')).status).toBe(200);

    bff.sessionClock.advance(MINUTE);
    expect((await readonly.get('/api/v1/users')).status).toBe(200);
  });

  it('limits changes apart: past them, a session still reads', async () => {
    const admin = await bff.signIn('admin@acme.example');
    const signOutOther = () => admin.send('PUT', '/api/v1/lab/users/none', { x: 1 });
    const blocked = await exhaust(signOutOther, 3);
    await expectProblem(blocked, 429, 'rate_limited');
    expect((await admin.get('/api/v1/users')).status).toBe(200);
    bff.sessionClock.advance(MINUTE);
  });

  it('refuses an address that keeps sending unknown session cookies', async () => {
    const guess = (n: number) =>
      fetch(`${bff.url}/api/v1/users`, { headers: { cookie: `hub_session=guess-${n}` } });
    for (let n = 0; n < 4; n++) expect((await guess(n)).status).toBe(401);
    await expectProblem(await guess(4), 429, 'rate_limited');
    bff.sessionClock.advance(MINUTE);
    expect((await guess(5)).status).toBe(401);
  });

  it('counts only answers that were 401: a burst of good requests in flight at once passes', async () => {
    const support = await bff.signIn('support@acme.example');
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => support.get('/api/v1/users/status-counts')),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(200));
    bff.sessionClock.advance(MINUTE);
  });

  it('never refuses a valid session for what other clients at its address got wrong (NAT, a proxy)', async () => {
    // Everyone behind one proxy shares its address: the proxy on this machine says who is who.
    const shared = { 'x-forwarded-for': '203.0.113.7' };
    const opened = await fetch(`${bff.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...shared },
      body: JSON.stringify({ email: 'admin@acme.example', password: 'hybrid-demo' }),
    });
    expect(opened.status).toBe(201);
    const { csrfToken } = (await opened.json()) as { csrfToken: string };
    const cookie = opened.headers.getSetCookie()[0]!.split(';')[0]!;
    // A stranger at the same address: cookie-less requests, 401 until the limit, then 429.
    const stranger = () => fetch(`${bff.url}/api/v1/users`, { headers: shared });
    for (let n = 0; n < 4; n++) expect((await stranger()).status).toBe(401);
    await expectProblem(await stranger(), 429, 'rate_limited');

    const admin = { ...shared, cookie, 'x-csrf-token': csrfToken };
    expect((await fetch(`${bff.url}/api/v1/users`, { headers: admin })).status).toBe(200);
    const [user] = (await bff.json<{ items: { id: string }[] }>('/api/v1/users?status=Error'))
      .items;
    const reactivated = await fetch(`${bff.url}/api/v1/users/${user!.id}/reactivate`, {
      method: 'POST',
      headers: admin,
    });
    expect(reactivated.status).toBe(200);
    // Signing in has its own throttle: strangers' 401s do not stop a colleague signing in.
    const colleague = await fetch(`${bff.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...shared },
      body: JSON.stringify({ email: 'support@acme.example', password: 'hybrid-demo' }),
    });
    expect(colleague.status).toBe(201);
    // The stranger is still refused.
    await expectProblem(await stranger(), 429, 'rate_limited');
    bff.sessionClock.advance(MINUTE);
  });

  it('counts a cookie that names no session by its address: a made-up cookie per request is no fresh allowance', async () => {
    const from = { 'x-forwarded-for': '198.51.100.23' };
    const statuses: number[] = [];
    for (let n = 0; n < 10; n++) {
      const response = await fetch(`${bff.url}/api/v1/session`, {
        method: 'DELETE',
        headers: { ...from, cookie: `hub_session=made-up-${n}-${Math.random()}` },
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    // HUB_RATE_LIMIT_CHANGES is 3 here: three sign-outs go through, the rest are refused.
    expect(statuses).toEqual([204, 204, 204, ...Array(7).fill(429)]);
    // A real session at the same address keeps its own allowance.
    const opened = await bff.signIn('readonly@acme.example');
    expect((await opened.get('/api/v1/users')).status).toBe(200);
    bff.sessionClock.advance(MINUTE);
  });
});
