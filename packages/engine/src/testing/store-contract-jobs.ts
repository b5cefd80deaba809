import { beforeEach, describe, expect, it } from 'vitest';
import type { JobItem, JobRecord } from '../model/job.ts';
import type { CloudUser } from '../model/user.ts';
import type { Store } from '../store/store.ts';
import { NOW, ORG_A, ORG_B, seedStoreFixture, usersA } from './store-fixture.ts';

export function makeJob(id: string, overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    id,
    orgId: ORG_A,
    action: 'activate',
    state: 'applying',
    actor: 'admin@a.example',
    createdAt: NOW,
    finishedAt: null,
    total: 0,
    processed: 0,
    settled: 0,
    succeeded: 0,
    failed: 0,
    unchanged: 0,
    ...overrides,
  };
}

const item = (jobId: string, seq: number, userId: string, state: JobItem['state']): JobItem => ({
  jobId,
  seq,
  userId,
  state,
  code: null,
  message: null,
});

const user = (id: string) => usersA.find((u) => u.id === id)!;

/** Bulk jobs: the job record, its items by state, settled items, failures, rollback. */
export function describeJobsContract(makeStore: () => Promise<Store>): void {
  describe('bulk jobs', () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await seedStoreFixture(store);
      return () => store.close();
    });

    /** Job `j1` of org A over these users, the first `waiting` of them already applied. */
    async function jobOver(userIds: string[], waiting = 0): Promise<void> {
      await store.insertJob(makeJob('j1', { total: userIds.length }), userIds);
      await store.updateJobItems(
        userIds.slice(0, waiting).map((id, seq) => item('j1', seq, id, 'waiting')),
      );
    }

    it('stores a job and reads it back in its organization only', async () => {
      const job = makeJob('j1', { total: 3, action: 'reactivate' });
      await store.insertJob(job, ['u05', 'u01', 'u12']);
      expect(await store.getJob(ORG_A, 'j1')).toEqual(job);
      expect(await store.getJob(ORG_B, 'j1')).toBeUndefined();
      expect(await store.getJob(ORG_A, 'nope')).toBeUndefined();
    });

    it('numbers the items from 0 in the order given, all queued', async () => {
      await store.insertJob(makeJob('j1'), ['u05', 'u01', 'u12']);
      expect(await store.listJobItems('j1', 'queued', 10)).toEqual([
        item('j1', 0, 'u05', 'queued'),
        item('j1', 1, 'u01', 'queued'),
        item('j1', 2, 'u12', 'queued'),
      ]);
      expect(await store.listJobItems('j1', 'waiting', 10)).toEqual([]);
      expect(await store.listJobItems('nope', 'queued', 10)).toEqual([]);
    });

    it('stores a job without users', async () => {
      await store.insertJob(makeJob('j1'), []);
      expect(await store.getJob(ORG_A, 'j1')).toEqual(makeJob('j1'));
      expect(await store.listJobItems('j1', 'queued', 10)).toEqual([]);
    });

    it('refuses a second job with the same id', async () => {
      await store.insertJob(makeJob('j1'), ['u05']);
      await expect(store.insertJob(makeJob('j1'), ['u01'])).rejects.toThrow();
      expect(await store.listJobItems('j1', 'queued', 10)).toEqual([
        item('j1', 0, 'u05', 'queued'),
      ]);
    });

    it('refuses a job of an organization that does not exist', async () => {
      await expect(store.insertJob(makeJob('j1', { orgId: 'nope' }), ['u05'])).rejects.toThrow();
      expect(await store.listUnfinishedJobs()).toEqual([]);
    });

    it('updates a job in its own organization', async () => {
      await store.insertJob(makeJob('j1', { total: 2 }), ['u05', 'u01']);
      const done = makeJob('j1', {
        total: 2,
        state: 'completed',
        finishedAt: NOW + 5000,
        processed: 2,
        settled: 2,
        succeeded: 1,
        failed: 1,
      });
      await store.updateJob(done);
      expect(await store.getJob(ORG_A, 'j1')).toEqual(done);
      await store.updateJob({ ...done, orgId: ORG_B, state: 'applying' });
      expect(await store.getJob(ORG_A, 'j1')).toEqual(done);
    });

    it('lists unfinished jobs of every organization, oldest first', async () => {
      await store.insertJob(makeJob('j-late', { createdAt: NOW + 2000 }), []);
      await store.insertJob(makeJob('j-b', { orgId: ORG_B, createdAt: NOW + 1000 }), []);
      await store.insertJob(makeJob('j-done', { state: 'completed', createdAt: NOW - 10 }), []);
      await store.insertJob(makeJob('j-early', { state: 'settling', createdAt: NOW }), []);
      expect((await store.listUnfinishedJobs()).map((j) => j.id)).toEqual([
        'j-early',
        'j-b',
        'j-late',
      ]);
      await store.updateJob(makeJob('j-b', { orgId: ORG_B, state: 'completed' }));
      expect((await store.listUnfinishedJobs()).map((j) => j.id)).toEqual(['j-early', 'j-late']);
    });

    it('writes item states and lists each state in seq order, up to the limit', async () => {
      const ids = usersA.slice(0, 8).map((u) => u.id);
      await store.insertJob(makeJob('j1'), ids);
      await store.insertJob(makeJob('j2'), ids);
      await store.updateJobItems([
        item('j1', 5, ids[5]!, 'waiting'),
        item('j1', 1, ids[1]!, 'waiting'),
        item('j1', 3, ids[3]!, 'waiting'),
        { ...item('j1', 2, ids[2]!, 'failed'), code: 'NO_MAIL_ID', message: 'No mailid' },
      ]);
      const seqs = (items: JobItem[]) => items.map((i) => i.seq);
      expect(seqs(await store.listJobItems('j1', 'waiting', 10))).toEqual([1, 3, 5]);
      expect(seqs(await store.listJobItems('j1', 'waiting', 2))).toEqual([1, 3]);
      expect(seqs(await store.listJobItems('j1', 'queued', 3))).toEqual([0, 4, 6]);
      // From after a seq on: the next ones in that state only.
      expect(seqs(await store.listJobItems('j1', 'queued', 3, 0))).toEqual([4, 6, 7]);
      expect(seqs(await store.listJobItems('j1', 'waiting', 1, 1))).toEqual([3]);
      expect(await store.listJobItems('j1', 'waiting', 10, 5)).toEqual([]);
      expect(await store.listJobItems('j1', 'failed', 10)).toEqual([
        { ...item('j1', 2, ids[2]!, 'failed'), code: 'NO_MAIL_ID', message: 'No mailid' },
      ]);
      // The other job's items with the same seqs are untouched.
      expect(seqs(await store.listJobItems('j2', 'queued', 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      await store.updateJobItems([item('j1', 2, ids[2]!, 'succeeded')]);
      expect(await store.listJobItems('j1', 'succeeded', 10)).toEqual([
        item('j1', 2, ids[2]!, 'succeeded'),
      ]);
    });

    /** What a waiting item's outcome is decided from: the user's status as it is now. */
    const statusOf = (u: CloudUser) => ({
      id: u.id,
      status: u.status,
      errorCode: u.errorCode,
      errorMessage: u.errorMessage,
    });

    it('lists waiting items in seq order after a seq, with their users as they are now', async () => {
      // u15 and u10 are Pending; u07 Active, u12 Error; u05 is not applied yet.
      await jobOver(['u15', 'u07', 'u10', 'u12', 'u05'], 4);
      expect(await store.listWaitingJobItems('j1', -1, 10)).toEqual([
        { item: item('j1', 0, 'u15', 'waiting'), user: statusOf(user('u15')) },
        { item: item('j1', 1, 'u07', 'waiting'), user: statusOf(user('u07')) },
        { item: item('j1', 2, 'u10', 'waiting'), user: statusOf(user('u10')) },
        { item: item('j1', 3, 'u12', 'waiting'), user: statusOf(user('u12')) },
      ]);
      const seqs = async (after: number, limit: number) =>
        (await store.listWaitingJobItems('j1', after, limit)).map((w) => w.item.seq);
      expect(await seqs(-1, 2)).toEqual([0, 1]);
      expect(await seqs(1, 10)).toEqual([2, 3]);
      expect(await seqs(3, 10)).toEqual([]);

      const pending = user('u15');
      const active = { ...pending, status: 'Active' as const, dueAt: null, version: 2 };
      expect(await store.updateUser(active, pending.version)).toBe(true);
      await store.updateJobItems([{ ...item('j1', 1, 'u07', 'succeeded') }]);
      const after = await store.listWaitingJobItems('j1', -1, 10);
      expect(after.map((w) => w.item.seq)).toEqual([0, 2, 3]);
      expect(after[0]!.user).toEqual(statusOf(active));
    });

    it('lists a waiting item whose user is gone, or exists only in another organization, without a user', async () => {
      // b-u2 is a Pending user of org B: it must not count as org A's job's user.
      await jobOver(['gone', 'b-u2', 'u10'], 3);
      expect(await store.listWaitingJobItems('j1', -1, 10)).toEqual([
        { item: item('j1', 0, 'gone', 'waiting'), user: undefined },
        { item: item('j1', 1, 'b-u2', 'waiting'), user: undefined },
        { item: item('j1', 2, 'u10', 'waiting'), user: statusOf(user('u10')) },
      ]);
      expect(await store.listWaitingJobItems('nope', -1, 10)).toEqual([]);
    });

    it('pages the failures in seq order with their users, in the job organization only', async () => {
      const ids = usersA.slice(0, 12).map((u) => u.id);
      await store.insertJob(makeJob('j1'), [...ids, 'gone']);
      const failed = [0, 2, 3, 7, 11, 12].map((seq) => ({
        ...item('j1', seq, seq === 12 ? 'gone' : ids[seq]!, 'failed'),
        code: 'CLUSTER_AT_CAPACITY' as const,
        message: `full ${seq}`,
      }));
      await store.updateJobItems([...failed, item('j1', 1, ids[1]!, 'succeeded')]);

      const first = await store.listJobFailures(ORG_A, 'j1', { page: 1, pageSize: 4 });
      expect(first.total).toBe(6);
      expect(first.items).toEqual(
        failed.slice(0, 4).map((f) => ({ item: f, user: user(f.userId) })),
      );
      const second = await store.listJobFailures(ORG_A, 'j1', { page: 2, pageSize: 4 });
      expect(second).toEqual({
        items: [
          { item: failed[4], user: user(ids[11]!) },
          { item: failed[5], user: undefined },
        ],
        total: 6,
      });
      expect(await store.listJobFailures(ORG_A, 'j1', { page: 3, pageSize: 4 })).toEqual({
        items: [],
        total: 6,
      });
      expect(await store.listJobFailures(ORG_B, 'j1', { page: 1, pageSize: 4 })).toEqual({
        items: [],
        total: 0,
      });
    });

    it('rolls back a job, its item updates and its record update with the transaction', async () => {
      await store.insertJob(makeJob('j1'), ['u05', 'u01']);
      const failing = store.transaction(ORG_A, async (tx) => {
        await tx.insertJob(makeJob('j2'), ['u05']);
        await tx.updateJob(makeJob('j1', { state: 'settling', processed: 2 }));
        await tx.updateJobItems([item('j1', 0, 'u05', 'waiting'), item('j1', 1, 'u01', 'failed')]);
        throw new Error('boom');
      });
      await expect(failing).rejects.toThrow('boom');
      expect(await store.getJob(ORG_A, 'j2')).toBeUndefined();
      expect(await store.getJob(ORG_A, 'j1')).toEqual(makeJob('j1'));
      expect((await store.listJobItems('j1', 'queued', 10)).map((i) => i.seq)).toEqual([0, 1]);
    });

    it('stores a job of 20,000 users and walks its items in pages', async () => {
      const ids = Array.from({ length: 20_000 }, (_, i) => `x${String(i).padStart(5, '0')}`);
      await store.insertJob(makeJob('big', { total: ids.length }), ids);
      const page = await store.listJobItems('big', 'queued', 500);
      expect(page.length).toBe(500);
      await store.updateJobItems(page.map((i) => ({ ...i, state: 'waiting' })));
      const next = await store.listJobItems('big', 'queued', 500);
      expect(next[0]).toEqual(item('big', 500, 'x00500', 'queued'));
      const waiting = await store.listWaitingJobItems('big', 249, 1000);
      expect(waiting.map((w) => w.item.seq)).toEqual(page.slice(250).map((i) => i.seq));
    });
  });
}
