import { UserListQuery } from '@hybrid-hub/contract';
import { describe, expect, it } from 'vitest';
import { ORG_ID, testEngine } from '../testing/test-server.ts';

/** The handlers must answer like the BFF: same shapes, same problems. */
async function get(path: string) {
  const response = await fetch(new URL(path, location.origin));
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('msw handlers over the real engine', () => {
  it('answers the users list as the engine computes it', async () => {
    const expected = await testEngine.engine.listUsers(
      ORG_ID,
      UserListQuery.parse({ status: 'Active', pageSize: 10 }),
    );
    const { status, body } = await get('/api/v1/users?status=Active&pageSize=10');
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('rejects a query the contract does not accept with a 400 problem naming the fields', async () => {
    const { status, type, body } = await get('/api/v1/users?pageSize=1000&status=Sleeping');
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body).toMatchObject({ status: 400, code: 'validation_failed' });
    const fields = (body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['query.pageSize', 'query.status']);
  });

  it('rejects unknown query parameters, as the strict contract schema does', async () => {
    const { status, body } = await get('/api/v1/users?colour=blue');
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'validation_failed' });
  });

  it('answers 404 problems for unknown ids', async () => {
    for (const path of ['/api/v1/users/nobody', '/api/v1/clusters/nothing']) {
      const { status, type, body } = await get(path);
      expect(status).toBe(404);
      expect(type).toContain('application/problem+json');
      expect(body).toMatchObject({ status: 404, code: 'not_found', instance: path });
    }
  });

  it("keeps to the signed-in organization: another organization's user is not found", async () => {
    const { items } = await testEngine.engine.listUsers(
      'globex',
      UserListQuery.parse({ pageSize: 1 }),
    );
    expect(items).toHaveLength(1);
    const { status } = await get(`/api/v1/users/${items[0]!.id}`);
    expect(status).toBe(404);
  });

  it('answers the health route', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok' });
  });
});
