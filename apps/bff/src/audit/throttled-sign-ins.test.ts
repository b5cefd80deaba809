import { AuditListResponse, REQUEST_ID_HEADER, type AuditEntry } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../testing/api.ts';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

const WINDOW = 15 * 60_000;
const PER_ACCOUNT = 3;
const ACCOUNT = 'readonly@acme.example';
const ELSEWHERE = '203.0.113.7';

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff({
    HUB_SIGN_IN_LIMIT_ACCOUNT: String(PER_ACCOUNT),
    HUB_SIGN_IN_LIMIT_ADDRESS: '1000',
  });
});
afterAll(() => bff.destroy());

/** A sign-in attempt; `from` is the client's address, as a proxy on this machine says it. */
function attempt(email: string, password: string, from?: string): Promise<Response> {
  return fetch(`${bff.url}/api/v1/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(from ? { 'x-forwarded-for': from } : {}),
    },
    body: JSON.stringify({ email, password }),
  });
}

/** Acme's log of sign-ins by `email`, oldest first. */
async function signIns(email: string): Promise<AuditEntry[]> {
  const log = AuditListResponse.parse(
    await bff.json(`/api/v1/audit?action=signIn&actor=${encodeURIComponent(email)}&pageSize=100`),
  );
  return log.items.reverse();
}

const outcomes = (entries: AuditEntry[]) =>
  entries.map((e) => `${e.result.status} ${e.clientAddress}`);

describe('sign-ins refused by the throttle', () => {
  it('leave one entry a window per account and address, while each wrong password is recorded', async () => {
    const wrong: Response[] = [];
    for (let i = 0; i < PER_ACCOUNT; i++) wrong.push(await attempt(ACCOUNT, `wrong-${i}`));
    for (const response of wrong) await expectProblem(response, 401, 'unauthorized');

    // A guessing burst, some one after another and some at once, then the right password.
    const refused: Response[] = [];
    for (let i = 0; i < 3; i++) refused.push(await attempt(ACCOUNT, `guess-${i}`));
    refused.push(
      ...(await Promise.all([1, 2, 3, 4, 5].map((i) => attempt(ACCOUNT, `burst-${i}`)))),
    );
    refused.push(await attempt(ACCOUNT, 'hybrid-demo'));
    for (const response of refused) {
      const problem = await expectProblem(response, 429, 'rate_limited');
      expect(problem.detail).toMatch(/^Too many sign-in attempts\. Try again in \d+ minutes\.$/);
    }

    const entries = await signIns(ACCOUNT);
    expect(outcomes(entries)).toEqual([...wrong.map(() => '401 127.0.0.1'), '429 127.0.0.1']);
    // Each wrong password by its own request, so support finds the one an admin quotes.
    expect(entries.slice(0, PER_ACCOUNT).map((e) => e.requestId)).toEqual(
      wrong.map((r) => r.headers.get(REQUEST_ID_HEADER)),
    );
    const throttled = entries.at(-1)!;
    expect(throttled).toMatchObject({
      actor: { email: ACCOUNT, role: 'read-only-admin' },
      result: { outcome: 'failed', status: 429, code: 'rate_limited' },
    });
    expect(throttled.detail).toMatch(
      /^Too many failed sign-ins: further attempts from this address refused for \d+ s$/,
    );
    expect(refused.map((r) => r.headers.get(REQUEST_ID_HEADER))).toContain(throttled.requestId);

    // The same account tried from another address: that address's first refusal is recorded,
    // once.
    for (let i = 0; i < 4; i++) {
      await expectProblem(await attempt(ACCOUNT, `far-${i}`, ELSEWHERE), 429, 'rate_limited');
    }
    expect(outcomes(await signIns(ACCOUNT)).slice(PER_ACCOUNT)).toEqual([
      '429 127.0.0.1',
      `429 ${ELSEWHERE}`,
    ]);

    // The next window: wrong passwords are recorded each again, then its first refusal.
    bff.sessionClock.advance(WINDOW);
    for (let i = 0; i < PER_ACCOUNT + 4; i++) await attempt(ACCOUNT, `again-${i}`);
    expect(outcomes(await signIns(ACCOUNT)).slice(PER_ACCOUNT + 2)).toEqual([
      ...Array.from({ length: PER_ACCOUNT }, () => '401 127.0.0.1'),
      '429 127.0.0.1',
    ]);
    bff.sessionClock.advance(WINDOW);
  });

  it('keeps apart the accounts tried from one address: each gets its first refusal recorded', async () => {
    for (const email of ['support@acme.example', 'admin@acme.example']) {
      for (let i = 0; i < PER_ACCOUNT + 3; i++) await attempt(email, `wrong-${i}`);
      expect(outcomes(await signIns(email)).filter((o) => o.startsWith('429'))).toEqual([
        '429 127.0.0.1',
      ]);
    }
    bff.sessionClock.advance(WINDOW);
  });
});
