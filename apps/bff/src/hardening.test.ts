import { request as httpRequest } from 'node:http';
import { LabUser, pathFor, Problem, UserDetail, type RouteName } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, problemFields, usersIn } from './testing/api.ts';
import { idKind, idsOf, routeTable, type OrgIds } from './testing/route-samples.ts';
import { startTestBff, type TestBff } from './testing/test-bff.ts';

/**
 * What the API does with input it must not trust and with its own failures: security headers,
 * bodies that are too big or not JSON, URLs that do not decode, errors that must not show the
 * server's insides, and secrets that must never leave it. (The fuzz test throws thousands of
 * random requests at the same rules; these are the cases by name.)
 */

let bff: TestBff;
let acme: OrgIds;
beforeAll(async () => {
  bff = await startTestBff({ HUB_LAB: 'true' });
  acme = await idsOf(bff, 'acme');
});
afterAll(() => bff.destroy());

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and the rest of helmet’s headers, on the SPA and the API', async () => {
    for (const path of ['/users', '/api/v1/users']) {
      const response = await bff.get(path);
      expect(response.status, path).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('bodies', () => {
  it('refuses a body over 100 kB with 413, as a problem', async () => {
    const response = await bff.send('PUT', `/api/v1/lab/users/${acme.user}`, {
      directory: { mailid: 'x'.repeat(110_000) },
    });
    await expectProblem(response, 413, 'payload_too_large');
  });

  it('refuses a body that is not JSON (415) instead of reading it as no body, and changes nothing', async () => {
    const before = LabUser.parse(await bff.json(`/api/v1/lab/users/${acme.user}`));
    // Every field of a Lab user change is optional: read as {}, this would be accepted.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const sent = await fetch(`${bff.url}/api/v1/lab/users/${acme.user}`, {
        method: 'PUT',
        headers: { ...bff.headers, 'content-type': type },
        body: JSON.stringify({ duplicateJidAccount: true }),
      });
      const problem = await expectProblem(sent, 415, 'validation_failed');
      expect(problem.errors?.map((e) => e.field)).toEqual(['headers.content-type']);
    }
    expect(LabUser.parse(await bff.json(`/api/v1/lab/users/${acme.user}`))).toEqual(before);
  });

  it('refuses malformed JSON with 400 naming the body', async () => {
    const response = await fetch(`${bff.url}/api/v1/lab/users/${acme.user}`, {
      method: 'PUT',
      headers: { ...bff.headers, 'content-type': 'application/json' },
      body: '{"duplicateJidAccount": tru',
    });
    expect(await problemFields(response)).toEqual(['body']);
  });

  it('refuses a body on a route that takes none, and does nothing', async () => {
    const [user] = await usersIn(bff, 'Error');
    const response = await bff.send('POST', `/api/v1/users/${user!.id}/reactivate`, {
      force: true,
    });
    expect(await problemFields(response)).toEqual(['body']);
    expect(UserDetail.parse(await bff.json(`/api/v1/users/${user!.id}`)).status).toBe('Error');
  });
});

describe('URLs', () => {
  it('answers an id that is not valid percent-encoding with 400, not 500', async () => {
    for (const id of ['%zz', '%E0%A4%A', '%']) {
      const response = await bff.get(`/api/v1/users/${id}`);
      expect(await problemFields(response)).toEqual(['params']);
    }
  });

  it('answers a URL over the server’s header limit with 431 as a problem', async () => {
    const answer = await new Promise<{ status: number; type: string; body: string }>(
      (resolve, reject) => {
        const { hostname, port } = new URL(bff.url);
        const req = httpRequest(
          { host: hostname, port, path: `/api/v1/users?q=${'x'.repeat(20_000)}` },
          (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                type: res.headers['content-type'] ?? '',
                body,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(answer.status).toBe(431);
    expect(answer.type).toBe('application/problem+json');
    expect(Problem.parse(JSON.parse(answer.body))).toMatchObject({
      status: 431,
      code: 'payload_too_large',
    });
  });
});

describe('errors', () => {
  it('answers an unexpected failure with a bare 500 problem: no message, no stack, no file names', async () => {
    const original = bff.engine.getOrganization;
    bff.engine.getOrganization = () =>
      Promise.reject(
        new TypeError(
          "Cannot read properties of undefined (reading 'name') at /srv/hub/apps/bff/src/store/sqlite-users.ts:42:7",
        ),
      );
    try {
      const response = await bff.get('/api/v1/organization');
      const problem = await expectProblem(response, 500, 'internal_error');
      expect(problem.detail).toBe('The error has been logged.');
      expect(JSON.stringify(problem)).not.toMatch(/Cannot read|sqlite-users|TypeError|\bat\b/);
    } finally {
      bff.engine.getOrganization = original;
    }
  });
});

describe('secrets', () => {
  it('never returns an AXL password or a password hash from any route', async () => {
    const reads = routeTable.filter(
      ([, spec]) => spec.method === 'GET' && spec.produces !== 'text/event-stream',
    );
    const seen: RouteName[] = [];
    for (const [name, spec] of reads) {
      const kind = idKind(spec);
      const response = await bff.get(kind ? pathFor(spec.path, { id: acme[kind] }) : spec.path);
      expect(response.status, name).toBe(200);
      const text = await response.text();
      expect(text, name).not.toMatch(/demo-axl-secret|axlPassword|axl_password|\$argon2/i);
      seen.push(name);
    }
    // The routes that show the IM and Presence clusters' AXL settings were among them.
    expect(seen).toEqual(expect.arrayContaining(['getLabDeployment', 'getCluster']));
  });
});
