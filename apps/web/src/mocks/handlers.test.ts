import { CSRF_HEADER, REQUEST_ID_HEADER, UserListQuery } from '@hybrid-hub/contract';
import { describe, expect, it } from 'vitest';
import { mockSession, ORG_ID, server, testEngine } from '../testing/test-server.ts';
import { createHandlers } from './handlers.ts';
import { MOCK_CSRF_TOKEN } from './mock-session.ts';

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

  it('names every request as the BFF does: X-Request-Id, and a problem’s requestId', async () => {
    const found = await fetch(new URL('/api/v1/users?pageSize=1', location.origin));
    expect(found.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await fetch(new URL('/api/v1/users/nobody', location.origin));
    const id = missing.headers.get(REQUEST_ID_HEADER);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(id).not.toBe(found.headers.get(REQUEST_ID_HEADER));
    expect(await missing.json()).toMatchObject({ code: 'not_found', requestId: id });
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

describe('msw handlers for user actions, jobs, export, events and the Lab', () => {
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(path, location.origin), {
      method,
      headers: {
        // As the SPA's client does on every state-changing request of a session.
        [CSRF_HEADER]: MOCK_CSRF_TOKEN,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text,
      body: (text && response.headers.get('content-type')?.includes('json')
        ? JSON.parse(text)
        : undefined) as Record<string, unknown>,
    };
  };

  it('answers the counts by status as the engine computes them', async () => {
    const { status, body } = await send('GET', '/api/v1/users/status-counts');
    expect(status).toBe(200);
    expect(body).toEqual(await testEngine.engine.getUserStatusCounts(ORG_ID));
  });

  it('answers /users/activity as the activity totals, not as a user called "activity"', async () => {
    const { status, body } = await send('GET', '/api/v1/users/activity');
    expect(status).toBe(200);
    expect(body).toEqual(await testEngine.engine.getUserActivity(ORG_ID));
  });

  it('switches the Message Service on with a JSON body, and validates the body', async () => {
    const { items } = await testEngine.engine.listUsers(
      ORG_ID,
      UserListQuery.parse({ status: 'Not activated', pageSize: 1 }),
    );
    const path = `/api/v1/users/${items[0]!.id}/message-service`;
    const bad = await send('PUT', path, { enabled: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed' });

    const { status, body } = await send('PUT', path, { enabled: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: items[0]!.id, status: 'Pending' });
  });

  it('accepts a bulk job with 202 and answers its progress', async () => {
    const { items } = await testEngine.engine.listUsers(
      ORG_ID,
      UserListQuery.parse({ status: 'Not activated', pageSize: 2 }),
    );
    const started = await send('POST', '/api/v1/users/bulk', {
      action: 'activate',
      selection: { kind: 'ids', ids: items.map((u) => u.id) },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ action: 'activate', total: 2 });
    const job = await send('GET', `/api/v1/jobs/${String(started.body.id)}`);
    expect(job.body).toMatchObject({ id: started.body.id, total: 2 });
  });

  it('exports CSV with the contract columns, filtered by status', async () => {
    const { text, type, status } = await send('GET', '/api/v1/users/export.csv?status=Error');
    expect(status).toBe(200);
    expect(type).toContain('text/csv');
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('User,Email,Status,Error code,Error message,Cluster,Node,Last activity');
    const counts = await testEngine.engine.getUserStatusCounts(ORG_ID);
    expect(lines).toHaveLength((counts.byStatus.Error ?? 0) + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/,Error,[A-Z_]+,/);
  });

  it('answers a plain request for the event stream with 204 (no stream outside a browser)', async () => {
    const { status } = await send('GET', '/api/v1/events');
    expect(status).toBe(204);
  });

  it('answers the Lab routes while the Lab is on', async () => {
    const lab = await send('GET', '/api/v1/lab');
    expect(lab.body).toEqual({ enabled: true });
    const { items } = await testEngine.engine.listUsers(
      ORG_ID,
      UserListQuery.parse({ pageSize: 1 }),
    );
    const { status, body } = await send('GET', `/api/v1/lab/users/${items[0]!.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ userId: items[0]!.id, email: items[0]!.email });
  });
});

describe('msw handlers with the Lab off', () => {
  it('hides the Lab routes, as the BFF does', async () => {
    server.use(...createHandlers({ engine: testEngine.engine, orgId: ORG_ID, labEnabled: false }));
    const status = await fetch(new URL('/api/v1/lab', location.origin)).then((r) => r.json());
    expect(status).toEqual({ enabled: false });
    const user = await fetch(new URL('/api/v1/lab/users/acme-u000001', location.origin));
    expect(user.status).toBe(404);
  });
});

describe('msw handlers enforce sessions and roles, as the BFF does', () => {
  const reactivate = async (headers: Record<string, string>) => {
    const { items } = await testEngine.engine.listUsers(
      ORG_ID,
      UserListQuery.parse({ status: 'Error', pageSize: 1 }),
    );
    return fetch(new URL(`/api/v1/users/${items[0]!.id}/reactivate`, location.origin), {
      method: 'POST',
      headers,
    });
  };

  it('answers 401 without a session', async () => {
    mockSession.signInAs(undefined);
    expect((await fetch(new URL('/api/v1/users', location.origin))).status).toBe(401);
    expect((await fetch(new URL('/api/health', location.origin))).status).toBe(200);
  });

  it("refuses a Support administrator's change with 403 and says why", async () => {
    mockSession.signInAs('support@acme.example');
    const response = await reactivate({ [CSRF_HEADER]: MOCK_CSRF_TOKEN });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      code: 'forbidden',
      detail:
        "A Support administrator can read users, their history and Diagnostics, and can't change anything.",
    });
  });

  it('refuses a change without the CSRF token', async () => {
    const response = await reactivate({});
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'csrf_failed' });
  });

  it('scopes everything to the signed-in organization', async () => {
    mockSession.signInAs('admin@globex.example');
    const organization = await fetch(new URL('/api/v1/organization', location.origin));
    expect(await organization.json()).toEqual({ id: 'globex', name: 'Globex' });
  });
});
