import {
  AuditListResponse,
  Job,
  LabDeployment,
  UserActivityTotals,
  UserListResponse,
  UserStatusCounts,
} from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectProblem, usersIn } from './testing/api.ts';
import { openEventStream } from './testing/event-stream-client.ts';
import { startTestBff, type ApiClient, type TestBff } from './testing/test-bff.ts';

/**
 * Every answer keeps to the session's organization: what Acme's administrator does is never seen
 * by Globex's, in lists, exports, events or jobs (ids: see the authorization matrix), and the
 * Lab's fast-forward moves the caller's organization's clock only.
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

/** What an organization's Overview and Lab show that its clock decides. */
async function timedView(client: ApiClient) {
  const lab = LabDeployment.parse(await client.json('/api/v1/lab/deployment'));
  return {
    activity: UserActivityTotals.parse(await client.json('/api/v1/users/activity')),
    counts: UserStatusCounts.parse(await client.json('/api/v1/users/status-counts')),
    now: lab.now,
    clockOffsetMinutes: lab.clockOffsetMinutes,
  };
}

async function clockEntries(client: ApiClient): Promise<AuditListResponse> {
  return AuditListResponse.parse(
    await client.json('/api/v1/audit?action=advanceLabClock&pageSize=100'),
  );
}

// Issue 11 #3: Globex's administrator once moved Acme's clock by three days, Acme's active users
// fell to none, and Acme's audit log said nothing. Last in the file: Globex's time jumps.
describe("another organization's fast-forward", () => {
  it("leaves the organization's time, due work and activity alone, and is audited where it acts", async () => {
    // A Globex user switched on: Pending until Globex's clock passes the activation delay (the
    // BFF's clock stands still; only a fast-forward moves an organization's time).
    const [user] = UserListResponse.parse(
      await globex.json('/api/v1/users?status=Not%20activated&pageSize=1'),
    ).items;
    const switched = await globex.send('PUT', `/api/v1/users/${user!.id}/message-service`, {
      enabled: true,
    });
    expect(switched.status).toBe(200);
    const acme = await timedView(bff);
    expect(acme.counts.byStatus.Pending).toBeGreaterThan(0);
    expect(acme.activity.active).toBeGreaterThan(0);
    expect(acme.clockOffsetMinutes).toBe(0);

    for (let day = 0; day < 3; day++) {
      const response = await globex.send('POST', '/api/v1/lab/clock', { minutes: 1440 });
      expect(response.status).toBe(200);
    }
    // Globex's due work has run at Globex's time: its Pending user has been evaluated.
    await vi.waitFor(
      async () => expect((await timedView(globex)).counts.byStatus.Pending).toBe(0),
      { timeout: 5000, interval: 25 },
    );
    const globexNow = await timedView(globex);
    expect(globexNow.clockOffsetMinutes).toBe(3 * 1440);
    expect(globexNow.activity.active).toBe(0);

    // Acme: the same time, no Pending user activated early, the same active users.
    expect(await timedView(bff)).toEqual(acme);

    // Each change is in Globex's audit log, none in Acme's.
    const globexLog = await clockEntries(globex);
    expect(globexLog.items).toHaveLength(3);
    for (const entry of globexLog.items)
      expect(entry).toMatchObject({
        organizationId: 'globex',
        actor: { email: 'admin@globex.example' },
        detail: '1440 minutes',
        result: { outcome: 'succeeded', status: 200 },
      });
    expect((await clockEntries(bff)).items).toEqual([]);
  });
});
