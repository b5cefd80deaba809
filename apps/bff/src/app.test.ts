import { Health, Organization, Problem } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBff, type TestBff } from './testing/test-bff.ts';

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff();
});
afterAll(() => bff.destroy());

describe('the BFF', () => {
  it('answers liveness without anything else', async () => {
    expect(Health.parse(await bff.json('/api/health')).status).toBe('ok');
  });

  it('names the organization it serves', async () => {
    expect(Organization.parse(await bff.json('/api/v1/organization'))).toEqual({
      id: 'acme',
      name: 'Acme',
    });
  });

  it('describes itself in OpenAPI', async () => {
    const document = await bff.json<{ openapi: string; paths: Record<string, unknown> }>(
      '/api/v1/openapi.json',
    );
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/v1/users/{id}');
  });

  it('answers an unknown API route with a problem, not the SPA', async () => {
    const response = await bff.get('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Problem.parse(await response.json()).code).toBe('not_found');
  });

  it('rejects malformed JSON bodies with a problem', async () => {
    const response = await fetch(`${bff.url}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"enabled": tru',
    });
    expect(response.status).toBe(400);
    expect(Problem.parse(await response.json()).errors?.[0]?.field).toBe('body');
  });

  it('serves the SPA for deep links, uncached, with a strict CSP', async () => {
    const response = await bff.get('/users/acme-u000001');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
