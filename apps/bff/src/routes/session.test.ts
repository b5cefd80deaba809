import { Problem, Session, UserDetail } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, usersIn } from '../testing/api.ts';
import { openEventStream } from '../testing/event-stream-client.ts';
import { signIn } from '../testing/sign-in.ts';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff({}, undefined, { streamSessionCheckMs: 50 });
});
afterAll(() => bff.destroy());

const MINUTE = 60_000;

function postSession(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${bff.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function getSession(headers: Record<string, string>) {
  return fetch(`${bff.url}/api/v1/session`, { headers });
}

describe('signing in', () => {
  it('opens a session in an HttpOnly, SameSite=Strict cookie and says who is signed in', async () => {
    const response = await postSession({ email: 'Support@Acme.example', password: 'hybrid-demo' });
    expect(response.status).toBe(201);
    const session = Session.parse(await response.json());
    expect(session).toMatchObject({
      admin: { email: 'support@acme.example', role: 'support-admin' },
      organization: { id: 'acme', name: 'Acme' },
      idleTimeoutSeconds: 30 * 60,
    });
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^hub_session=[\w-]{40,};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//i);
    // Served over plain HTTP here: a Secure cookie would never come back.
    expect(cookie).not.toMatch(/; Secure/i);
  });

  it('sets a Secure __Host- cookie when a proxy on this machine says the request came over HTTPS', async () => {
    const response = await postSession(
      { email: 'readonly@acme.example', password: 'hybrid-demo' },
      { 'x-forwarded-proto': 'https' },
    );
    expect(response.status).toBe(201);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-hub_session=/);
    expect(cookie).toMatch(/; Secure/i);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrongPassword = await postSession({ email: 'admin@acme.example', password: 'nope' });
    const unknownEmail = await postSession({ email: 'nobody@acme.example', password: 'nope' });
    const a = await expectProblem(wrongPassword, 401, 'unauthorized');
    const b = await expectProblem(unknownEmail, 401, 'unauthorized');
    // Alike but for the request id, which every answer has its own of.
    expect(withoutRequestId(a)).toEqual(withoutRequestId(b));
    expect(a.requestId).not.toBe(b.requestId);
    expect(a.detail).toBe('The email or password is not right.');
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it('renews the session id: a session presented at sign-in ends, the new one has a new id', async () => {
    const before = await signIn(bff.url, 'support@acme.example');
    const response = await postSession(
      { email: 'support@acme.example', password: 'hybrid-demo' },
      { cookie: before.cookie },
    );
    expect(response.status).toBe(201);
    const renewed = response.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(renewed).not.toBe(before.cookie);
    await expectProblem(await getSession({ cookie: before.cookie }), 401, 'unauthorized');
    expect((await getSession({ cookie: renewed })).status).toBe(200);
  });

  it('never adopts a session id the client made up (fixation)', async () => {
    const planted = 'hub_session=attacker-chosen-value-0123456789';
    const response = await postSession(
      { email: 'support@acme.example', password: 'hybrid-demo' },
      { cookie: planted },
    );
    const issued = response.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(issued).not.toBe(planted);
    await expectProblem(await getSession({ cookie: planted }), 401, 'unauthorized');
  });
});

describe('the session', () => {
  it('is required: without one the API answers 401, liveness still answers', async () => {
    await expectProblem(await bff.anonymous.get('/api/v1/users'), 401, 'unauthorized');
    await expectProblem(await bff.anonymous.get('/api/v1/session'), 401, 'unauthorized');
    expect((await bff.anonymous.get('/api/health')).status).toBe(200);
  });

  it('ends when signed out: the cookie is cleared and no longer opens anything', async () => {
    const support = await bff.signIn('support@acme.example');
    const response = await support.send('DELETE', '/api/v1/session');
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()[0]).toMatch(/^hub_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await support.get('/api/v1/users');
    const problem = await expectProblem(after, 401, 'unauthorized');
    expect(problem.detail).toMatch(/session has ended/);
  });

  it('over HTTPS, opens only with the __Host- cookie: a plain hub_session planted there names no session', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const response = await postSession(
      { email: 'support@acme.example', password: 'hybrid-demo' },
      https,
    );
    const token = response.headers.getSetCookie()[0]!.split(';')[0]!.split('=')[1]!;
    const secureCookie = { ...https, cookie: `__Host-hub_session=${token}` };
    expect((await getSession(secureCookie)).status).toBe(200);
    // The same token under the plain name, as a plain-HTTP page or a subdomain could set it.
    await expectProblem(
      await getSession({ ...https, cookie: `hub_session=${token}` }),
      401,
      'unauthorized',
    );
    // Over plain HTTP the __Host- cookie is not the one this request would be given either.
    await expectProblem(
      await getSession({ cookie: `__Host-hub_session=${token}` }),
      401,
      'unauthorized',
    );
  });

  it('clears both the plain and the __Host- cookie when signed out, so neither outlives it', async () => {
    const support = await bff.signIn('support@acme.example');
    const response = await support.send('DELETE', '/api/v1/session');
    const cleared = response.headers.getSetCookie().map((c) => c.split('=')[0]);
    expect(cleared.sort()).toEqual(['__Host-hub_session', 'hub_session']);
    for (const header of response.headers.getSetCookie()) {
      expect(header).toMatch(/Expires=Thu, 01 Jan 1970/);
    }
  });

  it('ends an open event stream when it is signed out', async () => {
    const support = await bff.signIn('support@acme.example');
    const stream = await openEventStream(`${bff.url}/api/v1/events`, support.headers);
    expect(stream.response.status).toBe(200);
    await support.send('DELETE', '/api/v1/session');
    await stream.ended;
    const again = await fetch(`${bff.url}/api/v1/events`, { headers: support.headers });
    expect(again.status).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('refuses a state-changing request without the session token, and changes nothing', async () => {
    const [user] = await usersIn(bff, 'Error');
    const { cookie } = await signIn(bff.url, 'admin@acme.example');
    for (const token of [undefined, 'forged', bff.session!.csrfToken]) {
      // No token, a made-up one, and another session's real one: all refused.
      const response = await fetch(`${bff.url}/api/v1/users/${user!.id}/reactivate`, {
        method: 'POST',
        headers: { cookie, ...(token ? { 'x-csrf-token': token } : {}) },
      });
      const problem = await expectProblem(response, 403, 'csrf_failed');
      expect(problem.detail).toContain('X-CSRF-Token');
    }
    const after = UserDetail.parse(await bff.json(`/api/v1/users/${user!.id}`));
    expect(after.status).toBe('Error');
  });

  it('lets reads through without the token', async () => {
    const { cookie } = await signIn(bff.url, 'admin@acme.example');
    expect((await fetch(`${bff.url}/api/v1/users`, { headers: { cookie } })).status).toBe(200);
  });

  it('guards signing out too (no cross-site sign-out)', async () => {
    const { cookie } = await signIn(bff.url, 'support@acme.example');
    const response = await fetch(`${bff.url}/api/v1/session`, {
      method: 'DELETE',
      headers: { cookie },
    });
    await expectProblem(response, 403, 'csrf_failed');
    expect((await getSession({ cookie })).status).toBe(200);
  });
});

describe('sign-in throttling', () => {
  const failures = async (email: string, count: number, headers?: Record<string, string>) => {
    for (let i = 0; i < count; i++) {
      expect((await postSession({ email, password: `wrong-${i}` }, headers)).status).toBe(401);
    }
  };

  it('stops an account after 5 failures in 15 minutes, even with the right password', async () => {
    await failures('readonly@acme.example', 5);
    const blocked = await postSession({ email: 'readonly@acme.example', password: 'hybrid-demo' });
    const problem = await expectProblem(blocked, 429, 'rate_limited');
    expect(problem.detail).toMatch(/^Too many sign-in attempts\. Try again in \d+ minutes\.$/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);

    bff.sessionClock.advance(15 * MINUTE);
    const later = await postSession({ email: 'readonly@acme.example', password: 'hybrid-demo' });
    expect(later.status).toBe(201);
  });

  it('throttles an unknown email exactly like a real one', async () => {
    await failures('admin@globex.example', 5);
    await failures('ghost@globex.example', 5);
    const real = await postSession({ email: 'admin@globex.example', password: 'x' });
    const ghost = await postSession({ email: 'ghost@globex.example', password: 'x' });
    const a = Problem.parse(await real.json());
    const b = Problem.parse(await ghost.json());
    expect([real.status, ghost.status]).toEqual([429, 429]);
    expect(withoutRequestId(a)).toEqual(withoutRequestId(b));
    bff.sessionClock.advance(15 * MINUTE);
  });

  it('counts only failures: signing in again and again is never throttled', async () => {
    for (let i = 0; i < 8; i++) {
      expect(
        (await postSession({ email: 'support@acme.example', password: 'hybrid-demo' })).status,
      ).toBe(201);
    }
  });
});

describe('sign-in throttling per address', () => {
  it('stops one client address trying many accounts', async () => {
    const own = await startTestBff({ HUB_SIGN_IN_LIMIT_ADDRESS: '4' });
    try {
      const attempt = (email: string, password = 'wrong') =>
        fetch(`${own.url}/api/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
      for (const email of ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example']) {
        expect((await attempt(email)).status).toBe(401);
      }
      await expectProblem(
        await attempt('support@acme.example', 'hybrid-demo'),
        429,
        'rate_limited',
      );
    } finally {
      await own.destroy();
    }
  });
});

describe('who am I', () => {
  it("names the admin, the role and the organization, and the session's CSRF token", async () => {
    const globex = await bff.signIn('admin@globex.example');
    const session = Session.parse(await globex.json('/api/v1/session'));
    expect(session.organization).toEqual({ id: 'globex', name: 'Globex' });
    expect(session.admin.role).toBe('full-admin');
    expect(session.csrfToken).toBe(globex.session!.csrfToken);
  });
});

// Last: these move the sessions' clock by hours, which ends every session opened before.
describe('session expiry', () => {
  it('ends after the idle timeout, and each request pushes that deadline back', async () => {
    const support = await bff.signIn('support@acme.example');
    bff.sessionClock.advance(29 * MINUTE);
    expect((await support.get('/api/v1/session')).status).toBe(200);
    bff.sessionClock.advance(29 * MINUTE); // 58 minutes after sign-in, 29 after the last request
    expect((await support.get('/api/v1/session')).status).toBe(200);
    bff.sessionClock.advance(31 * MINUTE);
    await expectProblem(await support.get('/api/v1/session'), 401, 'unauthorized');
  });

  it('ends at its absolute lifetime however busy it is', async () => {
    const support = await bff.signIn('support@acme.example');
    const { expiresAt } = Session.parse(await support.json('/api/v1/session'));
    const end = Date.parse(expiresAt);
    expect(end - bff.sessionClock.now()).toBe(12 * 60 * MINUTE);
    while (bff.sessionClock.now() + 20 * MINUTE < end) {
      bff.sessionClock.advance(20 * MINUTE);
      expect((await support.get('/api/v1/session')).status).toBe(200);
    }
    bff.sessionClock.set(end);
    await expectProblem(await support.get('/api/v1/session'), 401, 'unauthorized');
  });
});

/** A problem as the client reads it, less the id of the request it answered. */
function withoutRequestId({
  requestId: _requestId,
  ...problem
}: Problem): Omit<Problem, 'requestId'> {
  return problem;
}
