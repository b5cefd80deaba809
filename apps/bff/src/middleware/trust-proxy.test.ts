import { describe, expect, it } from 'vitest';
import { expectProblem } from '../testing/api.ts';
import { startTestBff } from '../testing/test-bff.ts';

/** Requests without a session, from `client` as the proxy on this machine says. */
function unauthorized(url: string, client: string): Promise<Response> {
  return fetch(`${url}/api/v1/users`, { headers: { 'x-forwarded-for': client } });
}

describe('HUB_TRUST_PROXY', () => {
  it.each([
    ['a trusted proxy (the default: this machine)', {}, 401],
    ['a proxy not trusted', { HUB_TRUST_PROXY: '10.20.30.40, 192.168.0.0/16' }, 429],
    ['no proxy trusted', { HUB_TRUST_PROXY: 'none' }, 429],
  ])(
    'behind %s, per-address limits count the client it names, else the proxy',
    async (_label, trust, secondClient) => {
      const bff = await startTestBff({
        ...trust,
        HUB_DEMO_USERS: '100',
        HUB_RATE_LIMIT_UNAUTHORIZED: '2',
      });
      try {
        for (let n = 0; n < 2; n++) {
          expect((await unauthorized(bff.url, '203.0.113.1')).status).toBe(401);
        }
        await expectProblem(await unauthorized(bff.url, '203.0.113.1'), 429, 'rate_limited');
        // Another client behind the same proxy: its own count only if the proxy is believed.
        const other = await unauthorized(bff.url, '203.0.113.2');
        expect(other.status).toBe(secondClient);
      } finally {
        await bff.destroy();
      }
    },
  );
});
