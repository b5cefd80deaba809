import { Job, UserListResponse } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, usersIn } from './testing/api.ts';
import { openEventStream } from './testing/event-stream-client.ts';
import { startTestBff, type ApiClient, type TestBff } from './testing/test-bff.ts';

/**
 * Every answer keeps to the session's organization: what Acme's administrator does is never seen
 * by Globex's, in lists, exports, events or jobs (ids: see the authorization matrix).
 */
let bff: TestBff;
let globex: ApiClient;
beforeAll(async () => {
  bff = await startTestBff();
  globex = await bff.signIn('admin@globex.example');
});
afterAll(() => bff.destroy());

describe("another organization's data", () => {
  it('never appears in lists or searches', async () => {
    const list = UserListResponse.parse(await globex.json('/api/v1/users?pageSize=100'));
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((user) => user.email.endsWith('@globex.example'))).toBe(true);
    const search = UserListResponse.parse(await globex.json('/api/v1/users?q=acme'));
    expect(search.total).toBe(0);
  });

  it('never appears in an export', async () => {
    const csv = await (await globex.get('/api/v1/users/export.csv')).text();
    expect(csv).toContain('@globex.example');
    expect(csv).not.toContain('@acme.example');
  });

  it("never reaches another organization's event stream, and its jobs are not found", async () => {
    const stream = await openEventStream(`${bff.url}/api/v1/events`, globex.headers);
    try {
      const acmeIds = (await usersIn(bff, 'Not activated', { count: 3 })).map((user) => user.id);
      const started = await bff.send('POST', '/api/v1/users/bulk', {
        action: 'activate',
        selection: { kind: 'ids', ids: acmeIds },
      });
      const job = Job.parse(await started.json());
      // Globex's own change, so the stream is seen to deliver.
      const [globexUser] = UserListResponse.parse(
        await globex.json('/api/v1/users?status=Active&pageSize=1'),
      ).items;
      expect((await globex.send('POST', `/api/v1/users/${globexUser!.id}/reactivate`)).status).toBe(
        200,
      );
      await stream.waitFor((message) => message.data.includes(globexUser!.id));
      const seen = stream.messages.map((message) => message.data).join('\n');
      for (const id of [...acmeIds, job.id]) expect(seen).not.toContain(id);

      await expectProblem(await globex.get(`/api/v1/jobs/${job.id}`), 404, 'not_found');
      await expectProblem(await globex.get(`/api/v1/jobs/${job.id}/failures`), 404, 'not_found');
    } finally {
      stream.close();
    }
  });
});
