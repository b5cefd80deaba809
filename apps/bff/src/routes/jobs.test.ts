import {
  BULK_MAX_IDS,
  HubEvent,
  Job,
  JobFailuresResponse,
  UserStatusCounts,
} from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectProblem, getUser, problemFields, usersIn } from '../testing/api.ts';
import { openEventStream } from '../testing/event-stream-client.ts';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff();
});
afterAll(() => bff.destroy());

async function startJob(body: unknown): Promise<Job> {
  const response = await bff.send('POST', '/api/v1/users/bulk', body);
  expect(response.status).toBe(202);
  const job = Job.parse(await response.json());
  expect(response.headers.get('location')).toBe(`/api/v1/jobs/${job.id}`);
  return job;
}

const completed = (id: string) =>
  eventually(
    bff,
    async () => {
      const job = Job.parse(await bff.json(`/api/v1/jobs/${id}`));
      expect(job.state).toBe('completed');
      return job;
    },
    15_000,
  );

const failures = async (id: string, query = '?pageSize=100') =>
  JobFailuresResponse.parse(await bff.json(`/api/v1/jobs/${id}/failures${query}`));

describe('POST /api/v1/users/bulk over ids', () => {
  it('activates the users, reports honest counts and lists the failures with reasons', async () => {
    const off = await usersIn(bff, 'Not activated', { count: 30 });
    const active = await usersIn(bff, 'Active', { count: 2 });
    const ids = [...off, ...active].map((user) => user.id);
    // One of them certainly fails: the Lab takes away their Hybrid Message entitlement.
    const unentitled = off[7]!.id;
    const lab = await bff.send('PUT', `/api/v1/lab/users/${unentitled}`, {
      entitlements: { hybridMessage: false },
    });
    expect(lab.status).toBe(200);
    const stream = await openEventStream(`${bff.url}/api/v1/events`, bff.headers);

    const started = await startJob({ action: 'activate', selection: { kind: 'ids', ids } });
    expect(started).toMatchObject({
      action: 'activate',
      total: 32,
      actor: 'admin@acme.example',
    });
    expect(started.state).not.toBe('completed');

    const job = await completed(started.id);
    expect(job.total).toBe(32);
    expect(job.processed).toBe(32);
    expect(job.settled).toBe(32);
    expect(job.succeeded + job.failed + job.unchanged).toBe(32);
    // Already Active: nothing to do for them.
    expect(job.unchanged).toBe(2);
    expect(job.finishedAt).not.toBeNull();

    // The counts agree with where every user really ended up.
    const statuses = await Promise.all(
      off.map(async (user) => (await getUser(bff, user.id)).status),
    );
    expect(statuses.filter((status) => status === 'Active')).toHaveLength(job.succeeded);
    expect(statuses.filter((status) => status === 'Error')).toHaveLength(job.failed);

    const listed = await failures(job.id);
    expect(listed.total).toBe(job.failed);
    expect(job.failed).toBeGreaterThanOrEqual(1);
    expect(listed.items.find((failure) => failure.userId === unentitled)?.code).toBe(
      'NOT_ENTITLED',
    );
    for (const failure of listed.items) {
      expect(failure.status).toBe('Error');
      expect(failure.code).not.toBeNull();
      expect(failure.message.length).toBeGreaterThan(5);
      expect(ids).toContain(failure.userId);
    }

    // Its progress was announced on the event stream, up to completion.
    const last = await stream.waitFor((message) => {
      if (message.event !== 'job.progress') return false;
      const event = HubEvent.parse(JSON.parse(message.data));
      return (
        event.type === 'job.progress' && event.job.id === job.id && event.job.state === 'completed'
      );
    });
    expect(HubEvent.parse(JSON.parse(last.data))).toMatchObject({
      job: { succeeded: job.succeeded },
    });
    stream.close();
  });
});

describe('POST /api/v1/users/bulk over a filter', () => {
  it('acts on every matching user across all pages', async () => {
    const before = UserStatusCounts.parse(await bff.json('/api/v1/users/status-counts'));
    const inError = before.byStatus.Error ?? 0;
    // More than one page of the Users table (50 rows): the selection is not what is shown.
    expect(inError).toBeGreaterThan(50);

    const started = await startJob({
      action: 'deactivate',
      selection: { kind: 'filter', status: 'Error' },
    });
    expect(started.total).toBe(inError);
    const job = await completed(started.id);
    expect(job).toMatchObject({ total: inError, succeeded: inError, failed: 0, unchanged: 0 });

    const after = UserStatusCounts.parse(await bff.json('/api/v1/users/status-counts'));
    expect(after.byStatus.Error ?? 0).toBe(0);
    expect(after.byStatus['Not activated']).toBe((before.byStatus['Not activated'] ?? 0) + inError);
    expect((await failures(job.id)).total).toBe(0);
  });
});

describe('bulk input and unknown jobs', () => {
  const tooMany = Array.from({ length: BULK_MAX_IDS + 1 }, (_, i) => `acme-u${i}`);
  it.each([
    [
      'an unknown action',
      { action: 'explode', selection: { kind: 'ids', ids: ['acme-u1'] } },
      ['body.action'],
    ],
    ['no ids', { action: 'activate', selection: { kind: 'ids', ids: [] } }, ['body.selection.ids']],
    [
      'too many ids',
      { action: 'activate', selection: { kind: 'ids', ids: tooMany } },
      ['body.selection.ids'],
    ],
    [
      'an unknown status',
      { action: 'activate', selection: { kind: 'filter', status: 'Bogus' } },
      ['body.selection.status'],
    ],
    [
      'an unknown selection',
      { action: 'activate', selection: { kind: 'all' } },
      ['body.selection.kind'],
    ],
    [
      'an unknown field',
      { action: 'activate', selection: { kind: 'filter' }, force: true },
      ['body.force'],
    ],
  ])('rejects %s', async (_label, body, fields) => {
    expect(await problemFields(await bff.send('POST', '/api/v1/users/bulk', body))).toEqual(fields);
  });

  it('names the body field when the engine rejects the selection (unknown users)', async () => {
    const response = await bff.send('POST', '/api/v1/users/bulk', {
      action: 'activate',
      selection: { kind: 'ids', ids: ['acme-u1', 'acme-nobody'] },
    });
    expect(response.status).toBe(400);
    expect(await problemFields(response)).toEqual(['body.selection.ids']);
  });

  it('answers 404 for an unknown job and its failures, 400 for a malformed id', async () => {
    await expectProblem(await bff.get('/api/v1/jobs/job-nope'), 404, 'not_found');
    await expectProblem(await bff.get('/api/v1/jobs/job-nope/failures'), 404, 'not_found');
    expect(await problemFields(await bff.get('/api/v1/jobs/a%20b'))).toEqual(['params.id']);
  });

  it('rejects bad paging of the failures', async () => {
    const [user] = await usersIn(bff, 'Active');
    const job = await startJob({ action: 'activate', selection: { kind: 'ids', ids: [user!.id] } });
    expect(
      await problemFields(await bff.get(`/api/v1/jobs/${job.id}/failures?pageSize=0`)),
    ).toEqual(['query.pageSize']);
  });
});
