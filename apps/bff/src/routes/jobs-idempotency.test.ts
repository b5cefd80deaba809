import { IDEMPOTENCY_KEY_HEADER, Job, type BulkRequest } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, problemFields, usersIn } from '../testing/api.ts';
import { startTestBff, TEST_ADMIN, type ApiClient, type TestBff } from '../testing/test-bff.ts';

let bff: TestBff;
let request: BulkRequest;
beforeAll(async () => {
  bff = await startTestBff();
  const users = await usersIn(bff, 'Error', { count: 3 });
  request = { action: 'reactivate', selection: { kind: 'ids', ids: users.map((u) => u.id) } };
});
afterAll(() => bff.destroy());

/** Every job of the organization, as stored: what a duplicate would add to. */
const jobCount = (orgId = 'acme') =>
  bff.store.useConnection(
    (db) => db.prepare('SELECT count(*) FROM jobs WHERE org_id = ?').pluck().get(orgId) as number,
    'read',
  );

const post = (body: unknown, key: string | undefined, client: ApiClient = bff) =>
  client.send(
    'POST',
    '/api/v1/users/bulk',
    body,
    key === undefined ? {} : { [IDEMPOTENCY_KEY_HEADER]: key },
  );

describe('POST /api/v1/users/bulk with an Idempotency-Key', () => {
  it('answers a retry with the job the first try started (200), and starts no second job', async () => {
    const before = await jobCount();
    const first = await post(request, 'retry-after-a-lost-answer');
    expect(first.status).toBe(202);
    const job = Job.parse(await first.json());

    const retry = await post(request, 'retry-after-a-lost-answer');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('location')).toBe(`/api/v1/jobs/${job.id}`);
    expect(Job.parse(await retry.json()).id).toBe(job.id);
    expect(await jobCount()).toBe(before + 1);
  });

  it('starts one job when tries of one request arrive at once', async () => {
    const before = await jobCount();
    const tries = await Promise.all(
      Array.from({ length: 6 }, () => post(request, 'six-tries-at-once')),
    );
    const jobs = await Promise.all(tries.map(async (r) => Job.parse(await r.json()).id));
    expect(new Set(jobs).size).toBe(1);
    expect(tries.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 202]);
    expect(await jobCount()).toBe(before + 1);
  });

  it('refuses the same key with another body (422) and starts nothing', async () => {
    expect((await post(request, 'one-key-two-bodies')).status).toBe(202);
    const before = await jobCount();
    const other = await post({ ...request, action: 'deactivate' }, 'one-key-two-bodies');
    const problem = await expectProblem(other, 422, 'idempotency_key_reused');
    expect(problem.detail).toMatch(/different request/);
    expect(await jobCount()).toBe(before);
  });

  it('takes the body by meaning: the same fields in another order are the same request', async () => {
    const first = await post(request, 'fields-in-any-order');
    const reordered = await post(
      { selection: request.selection, action: request.action },
      'fields-in-any-order',
    );
    expect([first.status, reordered.status]).toEqual([202, 200]);
  });

  it('keeps keys per organization: another organization using the same key gets its own job', async () => {
    const globex = await bff.signIn('admin@globex.example');
    const [globexUser] = (
      (await globex.json(`/api/v1/users?pageSize=1`)) as { items: { id: string }[] }
    ).items;
    const acme = Job.parse(await (await post(request, 'shared-key-text')).json());
    const theirs = await post(
      { action: 'deactivate', selection: { kind: 'ids', ids: [globexUser!.id] } },
      'shared-key-text',
      globex,
    );
    expect(theirs.status).toBe(202);
    expect(Job.parse(await theirs.json()).id).not.toBe(acme.id);
  });

  it('leaves the key free when the request is refused, for the corrected retry', async () => {
    const refused = await post(
      { action: 'activate', selection: { kind: 'filter', q: 'nobody-has-this-name' } },
      'corrected-after-a-refusal',
    );
    expect(refused.status).toBe(400);
    expect((await post(request, 'corrected-after-a-refusal')).status).toBe(202);
  });

  it('names a malformed key as the field at fault', async () => {
    expect(await problemFields(await post(request, 'short'))).toEqual(['headers.idempotency-key']);
    expect(await problemFields(await post(request, 'has spaces in it'))).toEqual([
      'headers.idempotency-key',
    ]);
  });

  it('still starts a job per request without a key', async () => {
    const before = await jobCount();
    expect((await post(request, undefined)).status).toBe(202);
    expect((await post(request, undefined)).status).toBe(202);
    expect(await jobCount()).toBe(before + 2);
  });

  // Last: it moves the clock a day on.
  it('forgets a key after 24 hours: the same key then starts a new job', async () => {
    const first = Job.parse(await (await post(request, 'a-day-later')).json());
    bff.sessionClock.advance(24 * 3_600_000 + 1000);
    // The session has ended too by then (12 hours at most).
    const later = await post(request, 'a-day-later', await bff.signIn(TEST_ADMIN));
    expect(later.status).toBe(202);
    expect(Job.parse(await later.json()).id).not.toBe(first.id);
  });
});
