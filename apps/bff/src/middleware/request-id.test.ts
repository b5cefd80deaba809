import type { AddressInfo } from 'node:net';
import {
  CSRF_HEADER,
  pathFor,
  PROBLEM_CONTENT_TYPE,
  Problem,
  REQUEST_ID_HEADER,
} from '@hybrid-hub/contract';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idKind, idsOf, routeTable, SAMPLE_BODIES, type OrgIds } from '../testing/route-samples.ts';
import { startTestBff, type ApiClient, type TestBff } from '../testing/test-bff.ts';
import { requestLog } from './request-log.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let bff: TestBff;
let ids: OrgIds;
beforeAll(async () => {
  bff = await startTestBff({ HUB_LAB: 'true' });
  ids = await idsOf(bff, 'acme');
}, 60_000);
afterAll(() => bff.destroy());

/** Reads the answer whole (an event stream only up to its headers) and says what it carried. */
async function answered(response: Response): Promise<{ header: string | null; problem?: Problem }> {
  const header = response.headers.get(REQUEST_ID_HEADER);
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { header };
  }
  const text = await response.text();
  const problem = response.headers.get('content-type')?.startsWith(PROBLEM_CONTENT_TYPE)
    ? Problem.parse(JSON.parse(text))
    : undefined;
  return { header, problem };
}

/** Every route of the table, called as `client` would, with a valid body where it takes one. */
async function callEveryRoute(client: ApiClient, label: string): Promise<string[]> {
  const seen: string[] = [];
  for (const [name, spec] of routeTable) {
    // Signing out would end the session the other rows use; it is called last, below.
    if (name === 'signOut') continue;
    const kind = idKind(spec);
    const path = kind ? pathFor(spec.path, { id: ids[kind] }) : spec.path;
    const body = spec.body ? SAMPLE_BODIES[name]?.(ids) : undefined;
    const response =
      spec.method === 'GET'
        ? await client.get(path)
        : await client.send(spec.method, path, body, spec.ifMatch ? { 'if-match': '"1"' } : {});
    const { header, problem } = await answered(response);
    seen.push(`${label} ${spec.method} ${spec.path} ${response.status}: ${header}`);
    expect(header, `${label} ${spec.method} ${spec.path}`).toMatch(UUID);
    // A problem names the same request, so an admin's report of it finds the log line.
    if (problem) expect(problem.requestId, `${label} ${spec.path}`).toBe(header);
  }
  return seen;
}

describe('X-Request-Id', () => {
  it('is on the answer of every route, signed in or not, problems carrying it as requestId', async () => {
    const signedIn = await callEveryRoute(bff, 'admin');
    const anonymous = await callEveryRoute(bff.anonymous, 'anonymous');
    // Every answer had its own id.
    const all = [...signedIn, ...anonymous].map((row) => row.split(': ')[1]);
    expect(new Set(all).size).toBe(all.length);
    // Both ways were exercised: answers and refusals (401) alike.
    expect(signedIn.some((row) => / 200: /.test(row))).toBe(true);
    expect(anonymous.some((row) => / 401: /.test(row))).toBe(true);
    const signOut = await answered(await bff.anonymous.send('DELETE', '/api/v1/session'));
    expect(signOut.header).toMatch(UUID);
  }, 60_000);

  it('is on the answers no route gives: an unknown path, a body that is not JSON, a forged change', async () => {
    const unknown = await answered(await bff.get('/api/v1/no-such-route'));
    expect(unknown.problem?.code).toBe('not_found');
    expect(unknown.problem?.requestId).toBe(unknown.header);

    const notJson = await answered(
      await fetch(`${bff.url}/api/v1/users/bulk`, {
        method: 'POST',
        headers: { ...bff.headers, 'content-type': 'application/json' },
        body: '{"action":',
      }),
    );
    expect(notJson.problem?.code).toBe('validation_failed');
    expect(notJson.header).toMatch(UUID);
    expect(notJson.problem?.requestId).toBe(notJson.header);

    const { [CSRF_HEADER]: _token, ...cookieOnly } = bff.headers;
    const forged = await answered(
      await fetch(`${bff.url}/api/v1/users/${ids.user}/reactivate`, {
        method: 'POST',
        headers: cookieOnly,
      }),
    );
    expect(forged.problem?.code).toBe('csrf_failed');
    expect(forged.problem?.requestId).toBe(forged.header);
  });

  it("is the server's own even when the client sends one, so that no two requests share it", async () => {
    const seen = new Set<string>();
    for (const id of ['req-42', 'a.b:c_d-e', crypto.randomUUID(), 'x'.repeat(64), 'req-42']) {
      const response = await bff.get('/api/v1/session', { [REQUEST_ID_HEADER]: id });
      const answered = response.headers.get(REQUEST_ID_HEADER)!;
      expect(answered).toMatch(UUID);
      expect(answered).not.toBe(id);
      seen.add(answered);
      await response.arrayBuffer();
    }
    expect(seen.size).toBe(5);
  });

  it('is made for one that is empty, too long, or carries spaces, markup or a second id', async () => {
    for (const id of ['', 'x'.repeat(65), 'a b', '<script>', 'ticket/42', 'one, two']) {
      const response = await bff.anonymous.get('/api/v1/users', { [REQUEST_ID_HEADER]: id });
      const { header, problem } = await answered(response);
      expect(header, JSON.stringify(id)).toMatch(UUID);
      expect(problem?.requestId).toBe(header);
    }
    // Sent twice, Node joins them with a comma: neither is taken.
    const twice = new Headers([
      [REQUEST_ID_HEADER, 'first'],
      [REQUEST_ID_HEADER, 'second'],
    ]);
    const response = await fetch(`${bff.url}/api/health`, { headers: twice });
    expect(response.headers.get(REQUEST_ID_HEADER)).toMatch(UUID);
  });
});

describe('the request log', () => {
  it("names each request by the id its answer carried, and the client's own id beside it", async () => {
    const lines: string[] = [];
    const app = express();
    app.use(requestLog(pino({}, { write: (line: string) => lines.push(line) })));
    app.get('/api/v1/anything', (_req, res) => res.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/api/v1/anything`;
      const answers = [];
      for (const sent of ['from-the-proxy', undefined, '<script>']) {
        const response = await fetch(url, { headers: sent ? { [REQUEST_ID_HEADER]: sent } : {} });
        await response.text();
        answers.push(response.headers.get(REQUEST_ID_HEADER));
      }
      const logged = lines.map(
        (line) => (JSON.parse(line) as { req: { id: string; clientRequestId?: string } }).req,
      );
      // Kept only when it is short and plain, as the audit entry keeps it.
      expect(logged).toEqual([
        {
          id: answers[0],
          clientRequestId: 'from-the-proxy',
          method: 'GET',
          url: '/api/v1/anything',
        },
        { id: answers[1], method: 'GET', url: '/api/v1/anything' },
        { id: answers[2], method: 'GET', url: '/api/v1/anything' },
      ]);
    } finally {
      server.close();
    }
  });
});
