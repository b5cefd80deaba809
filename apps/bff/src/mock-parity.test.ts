import { AlarmListQuery, CSRF_HEADER, type Problem } from '@hybrid-hub/contract';
import { DEMO_ADMINS, ManualClock, type Engine } from '@hybrid-hub/engine';
import { getResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../web/src/mocks/handlers.ts';
import { createMockEngine, runDueWorkUntilIdle } from '../../web/src/mocks/mock-engine.ts';
import { defaultAdmin, MOCK_CSRF_TOKEN, MockSession } from '../../web/src/mocks/mock-session.ts';
import { startTestBff, type TestBff } from './testing/test-bff.ts';

/**
 * The SPA's mock (`npm run dev:mock`, the SPA's tests) and the BFF answer the same requests the
 * same way: the same status, the same problem (code, title, the fields at fault) and a body of
 * the same shape. Both run the same demo (seed 11, 2,000 users) as Acme's Full administrator.
 */

type Send = (
  method: string,
  path: string,
  options?: { body?: unknown; raw?: string; headers?: Record<string, string> },
) => Promise<Response>;

/** What a client can rely on in an answer: everything but volatile values (ids, times). */
interface Answer {
  status: number;
  media: string | undefined;
  etag: boolean;
  location: boolean;
  problem?: Pick<Problem, 'type' | 'title' | 'code' | 'status' | 'detail'> & {
    keys: string[];
    fields?: string[];
  };
  shape?: unknown;
}

/** The structure of a JSON value: keys and types all the way down, no values. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (value === null) return 'null';
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, shapeOf(inner)]),
    );
  }
  return typeof value;
}

async function answerOf(response: Response): Promise<Answer> {
  const media = response.headers.get('content-type')?.split(';')[0];
  const answer: Answer = {
    status: response.status,
    media,
    etag: response.headers.has('etag'),
    location: response.headers.has('location'),
  };
  const text = await response.text();
  if (media === 'application/problem+json') {
    const problem = JSON.parse(text) as Problem;
    answer.problem = {
      type: problem.type,
      title: problem.title,
      code: problem.code,
      status: problem.status,
      detail: problem.detail,
      keys: Object.keys(problem).sort(),
      ...(problem.errors ? { fields: problem.errors.map((error) => error.field).sort() } : {}),
    };
  } else if (media === 'application/json') {
    answer.shape = shapeOf(JSON.parse(text));
  }
  return answer;
}

let bff: TestBff;
/** One client's requests, sent to the BFF and to the mock. */
interface Clients {
  viaBff: Send;
  viaMock: Send;
}

let engine: Engine;
/** Acme's Full administrator, on both. */
let admin: Clients;

const init = (
  method: string,
  headers: Record<string, string>,
  { body, raw, headers: extra = {} }: Parameters<Send>[2] = {},
): RequestInit => {
  const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  return {
    method,
    headers: {
      ...headers,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...extra,
    },
    body: payload,
  };
};

/** Who asks: with these headers of the BFF, signed in to the mock as `session` says. */
interface Asker {
  bffHeaders: Record<string, string>;
  session: MockSession;
  /** The CSRF token, unless the client forgets it. */
  mockHeaders?: Record<string, string>;
  /** The BFF to ask (the one with the Lab on by default), and the mock's Lab to match it. */
  bffUrl?: string;
  labEnabled?: boolean;
}

function clients({
  bffHeaders,
  session,
  mockHeaders = { [CSRF_HEADER]: MOCK_CSRF_TOKEN },
  bffUrl = bff.url,
  labEnabled = true,
}: Asker): Clients {
  const handlers = createHandlers({ engine, session, labEnabled });
  return {
    viaBff: (method, path, options) => fetch(`${bffUrl}${path}`, init(method, bffHeaders, options)),
    viaMock: async (method, path, options) => {
      const request = new Request(`http://mock.test${path}`, init(method, mockHeaders, options));
      const response = await getResponse(handlers, request);
      if (!response) throw new Error(`the mock has no handler for ${method} ${path}`);
      return response;
    },
  };
}

const fullAdmin = () => new MockSession(defaultAdmin('acme'));
const supportAdmin = () =>
  new MockSession(DEMO_ADMINS.find((account) => account.email === 'support@acme.example'));

beforeAll(async () => {
  bff = await startTestBff();
  const mock = await createMockEngine({ acmeUsers: 2000, seed: 11, clock: new ManualClock() });
  engine = mock.engine;
  // What the BFF's due-work loop did as it started (the deployment's alarms, for one).
  await runDueWorkUntilIdle(engine);
  const { total: alarms } = await engine.listAlarms('acme', AlarmListQuery.parse({}));
  await vi.waitFor(async () => {
    expect((await bff.json<{ total: number }>('/api/v1/alarms')).total).toBe(alarms);
  });
  admin = clients({ bffHeaders: bff.headers, session: fullAdmin() });
}, 120_000);

afterAll(async () => {
  await bff?.destroy();
});

/** Sends the request to both and expects the same answer; returns the BFF's body. */
async function sameFor({ viaBff, viaMock }: Clients, ...request: Parameters<Send>) {
  const fromBff = await viaBff(...request);
  const body: unknown = fromBff.headers.get('content-type')?.includes('json')
    ? await fromBff.clone().json()
    : undefined;
  const [expected, actual] = await Promise.all([
    answerOf(fromBff),
    answerOf(await viaMock(...request)),
  ]);
  expect(actual, `${request[0]} ${request[1]}`).toEqual(expected);
  return body;
}

const same = (...request: Parameters<Send>) => sameFor(admin, ...request);

/** The ids of a page both answered alike. */
async function idsOf(path: string): Promise<string[]> {
  const page = (await same('GET', path)) as { items: Array<{ id: string }> };
  return page.items.map((item) => item.id);
}

describe('the mock answers as the BFF does', () => {
  it('reads: lists, counts, one user, clusters, alarms, jobs, the Lab', async () => {
    await same('GET', '/api/v1/organization');
    const [id] = await idsOf('/api/v1/users?status=Active&pageSize=5');
    await same('GET', '/api/v1/users/status-counts');
    await same('GET', '/api/v1/users/activity');
    await same('GET', `/api/v1/users/${id}`);
    await same('GET', `/api/v1/users/${id}/history?pageSize=2`);
    await same('GET', `/api/v1/users/${id}/diagnostics`);
    const [clusterId] = await idsOf('/api/v1/clusters');
    await same('GET', `/api/v1/clusters/${clusterId}`);
    await same('GET', '/api/v1/alarms');
    await same('GET', '/api/v1/lab');
    await same('GET', '/api/v1/lab/deployment');
    await same('GET', `/api/v1/lab/users/${id}`);
  });

  it('refuses a query the contract does not accept, naming the same fields', async () => {
    await same('GET', '/api/v1/users?pageSize=1000&status=Sleeping');
    await same('GET', '/api/v1/users?colour=blue');
    await same('GET', '/api/v1/users?cursor=not-a-cursor');
    await same('GET', '/api/v1/alarms?state=Loud');
    await same('GET', '/api/v1/users/status-counts?extra=1');
  });

  it('answers 404 for ids that do not exist', async () => {
    await same('GET', '/api/v1/users/nobody');
    await same('GET', '/api/v1/users/nobody/history');
    await same('GET', '/api/v1/clusters/nothing');
    await same('GET', '/api/v1/jobs/nothing');
    await same('GET', '/api/v1/nodes/nothing/maintenance/preview');
    await same('PUT', '/api/v1/users/nobody/message-service', { body: { enabled: true } });
    await same('PUT', '/api/v1/lab/nodes/nothing', { body: { reachable: false } });
  });

  it('refuses a bad body the same way: wrong fields, unknown fields, not JSON, none expected', async () => {
    const [id] = await idsOf('/api/v1/users?status=Error&pageSize=1');
    await same('PUT', `/api/v1/users/${id}/message-service`, { body: { enabled: 'yes' } });
    await same('PUT', `/api/v1/users/${id}/message-service`, { body: { on: true } });
    await same('PUT', `/api/v1/users/${id}/message-service`, { raw: '{"enabled":' });
    await same('POST', `/api/v1/users/${id}/reactivate`, { body: { please: true } });
    await same('POST', '/api/v1/users/bulk', { body: { action: 'explode' } });
    await same('POST', '/api/v1/lab/clock', { body: { minutes: -5 } });
  });

  it('reads If-Match alike: required, the quoted revision (a bare one too), never a weak tag', async () => {
    const [clusterId] = await idsOf('/api/v1/clusters');
    const cluster = (await same('GET', `/api/v1/clusters/${clusterId}`)) as {
      nodes: Array<{ id: string; revision: number }>;
    };
    const node = cluster.nodes[0]!;
    const path = `/api/v1/nodes/${node.id}/maintenance`;
    await same('GET', `${path}/preview`);
    const enter = { body: { action: 'enter' } };
    await same('POST', path, enter);
    await same('POST', path, { ...enter, headers: { 'if-match': `W/"${node.revision}"` } });
    await same('POST', path, { ...enter, headers: { 'if-match': 'yesterday' } });
    await same('POST', path, { ...enter, headers: { 'if-match': `"${node.revision + 7}"` } });
    await same('POST', path, { ...enter, headers: { 'if-match': `${node.revision + 7}` } });
  });

  it('reads Idempotency-Key alike, and starts a bulk job the same way', async () => {
    const ids = await idsOf('/api/v1/users?status=Not%20activated&pageSize=2');
    const bulk = { action: 'activate', selection: { kind: 'ids', ids } };
    await same('POST', '/api/v1/users/bulk', {
      body: bulk,
      headers: { 'idempotency-key': 'not a key!' },
    });
    const job = (await same('POST', '/api/v1/users/bulk', { body: bulk })) as { id: string };
    await same('GET', `/api/v1/jobs/${job.id}/failures?pageSize=0`);
  });
});

describe('the mock refuses as the BFF does', () => {
  const anonymousMock = () => {
    const session = new MockSession();
    session.signInAs(undefined);
    return session;
  };

  it('answers 401 without a session, and a failed sign-in alike', async () => {
    const anonymous = clients({ bffHeaders: {}, session: anonymousMock(), mockHeaders: {} });
    await sameFor(anonymous, 'GET', '/api/v1/users');
    await sameFor(anonymous, 'GET', '/api/health');
    await sameFor(anonymous, 'POST', '/api/v1/session', {
      body: { email: 'admin@acme.example', password: 'not the password' },
    });
    await sameFor(anonymous, 'POST', '/api/v1/session', { body: { email: 'nobody' } });
  });

  it("answers 403 for a role the route does not list, and a change without the session's token", async () => {
    const signedIn = await bff.signIn('support@acme.example');
    const support = clients({ bffHeaders: signedIn.headers, session: supportAdmin() });
    const [id] = await idsOf('/api/v1/users?status=Error&pageSize=1');
    await sameFor(support, 'GET', `/api/v1/users/${id}`);
    await sameFor(support, 'GET', '/api/v1/clusters');
    await sameFor(support, 'POST', `/api/v1/users/${id}/reactivate`);
    const { [CSRF_HEADER]: _token, ...withoutToken } = bff.headers;
    const forgetful = clients({ bffHeaders: withoutToken, session: fullAdmin(), mockHeaders: {} });
    await sameFor(forgetful, 'POST', `/api/v1/users/${id}/reactivate`);
  });
});

describe('the mock hides the Lab as the BFF does while it is off', () => {
  let labOff: TestBff;
  beforeAll(async () => {
    labOff = await startTestBff({ HUB_LAB: 'false' });
  }, 120_000);
  afterAll(async () => {
    await labOff?.destroy();
  });

  it('answers that it is off, refuses whom it refuses anyway, and has no Lab routes', async () => {
    const [id] = await idsOf('/api/v1/users?pageSize=1');
    const labOffAs = (bffHeaders: Record<string, string>, session: MockSession) =>
      clients({ bffHeaders, session, bffUrl: labOff.url, labEnabled: false });
    const full = labOffAs(labOff.headers, fullAdmin());
    await sameFor(full, 'GET', '/api/v1/lab');
    await sameFor(full, 'GET', '/api/v1/lab/deployment');
    await sameFor(full, 'GET', `/api/v1/lab/users/${id}`);
    await sameFor(full, 'PUT', '/api/v1/lab/nodes/nothing', { body: { reachable: false } });
    await sameFor(full, 'POST', '/api/v1/lab/clock', { body: { minutes: 'many' } });
    const signedIn = await labOff.signIn('support@acme.example');
    const support = labOffAs(signedIn.headers, supportAdmin());
    await sameFor(support, 'GET', '/api/v1/lab/deployment');
  });
});
