import { HubEvent, Job, JobFailuresResponse, type BulkRequest } from '@hybrid-hub/contract';
import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../ids.ts';
import { SimulationClock } from '../simulation-clock.ts';
import { ACTIVATION_ERRORS } from '../rules/error-catalog.ts';
import {
  ADMIN,
  cloudUser,
  HOMES,
  makeWorld,
  ORG,
  type World,
  wrapTransactions,
} from '../test-support/activation-world.ts';
import { runJobSlices } from './bulk-jobs.ts';
import type { EngineContext } from './context.ts';

async function runUntilCompleted(world: World, jobId: string): Promise<Job> {
  for (let i = 0; i < 50; i++) {
    await world.settle(5_000);
    const job = Job.parse(await world.engine.getJob(ORG, jobId));
    if (job.state === 'completed') return job;
  }
  throw new Error('the job did not complete');
}

/** Ten users who activate fine, three who fail (for different reasons), two already Active. */
async function mixedSelection(world: World) {
  const fine = [];
  for (let i = 0; i < 10; i++)
    fine.push(await world.addUser({ name: `ok${i}`, entries: [{ home: HOMES.main }] }));
  const failing = [
    await world.addUser({ name: 'noentitle', entitled: false, entries: [{ home: HOMES.main }] }),
    await world.addUser({ name: 'nomail', entries: [{ home: HOMES.main, mailid: '' }] }),
    await world.addUser({ name: 'down', entries: [{ home: HOMES.down }] }),
  ];
  const active = [
    await world.addUser({ name: 'act1', entries: [{ home: HOMES.main }] }),
    await world.addUser({ name: 'act2', entries: [{ home: HOMES.main }] }),
  ];
  for (const id of active) await world.engine.setMessageService(ADMIN, id, true);
  await world.settle();
  return { fine, failing, active };
}

describe('bulk activate over ids', () => {
  it('activates, reports honest counts, and lists the failures with their reasons', async () => {
    const world = await makeWorld();
    const { fine, failing, active } = await mixedSelection(world);
    const ids = [...fine, ...failing, ...active];

    const started = Job.parse(
      await world.engine.startBulkJob(ADMIN, {
        action: 'activate',
        selection: { kind: 'ids', ids: [...ids, fine[0]!] },
      }),
    );
    expect(started).toMatchObject({
      action: 'activate',
      state: 'applying',
      actor: ADMIN.actor,
      total: 15,
      processed: 0,
      summary: '0 of 15 done',
    });

    const job = await runUntilCompleted(world, started.id);
    expect(job).toMatchObject({
      total: 15,
      processed: 15,
      settled: 15,
      succeeded: 10,
      failed: 3,
      unchanged: 2,
      summary: '10 activated, 3 failed, 2 already active',
    });
    expect(job.finishedAt).not.toBeNull();

    const failures = JobFailuresResponse.parse(
      await world.engine.getJobFailures(ORG, job.id, { page: 1, pageSize: 50 }),
    );
    expect(failures.total).toBe(3);
    expect(failures.items.map((f) => [f.userId, f.status, f.code])).toEqual([
      ['noentitle', 'Error', 'NOT_ENTITLED'],
      ['nomail', 'Error', 'NO_MAIL_ID'],
      ['down', 'Error', 'NO_CONNECTOR_AVAILABLE'],
    ]);
    expect(failures.items[0]!.message).toBe(ACTIVATION_ERRORS.NOT_ENTITLED.message);
    expect(failures.items[2]!.message).toContain('Activation will be retried at');

    for (const id of fine) expect((await world.engine.getUser(ORG, id)).status).toBe('Active');
    // The job's own history lines are by the admin who started it.
    const lines = (await world.store.listHistory(ORG, fine[0]!, { page: 1, pageSize: 10 })).items;
    expect(lines.at(-1)).toMatchObject({
      actor: ADMIN.actor,
      message: 'Message Service switched on.',
    });
  });

  it('announces its progress, up to completion, as job.progress events', async () => {
    const world = await makeWorld();
    const { fine } = await mixedSelection(world);
    const before = await world.engine.lastEventSeq(ORG);
    const started = await world.engine.startBulkJob(ADMIN, {
      action: 'activate',
      selection: { kind: 'ids', ids: fine },
    });
    await runUntilCompleted(world, started.id);
    const events = (await world.engine.listEvents(ORG, before, 100)).map((e) =>
      HubEvent.parse(e.event),
    );
    const progress = events.flatMap((e) => (e.type === 'job.progress' ? [e.job] : []));
    expect(progress[0]).toMatchObject({ id: started.id, state: 'applying', processed: 0 });
    expect(progress.at(-1)).toMatchObject({
      state: 'completed',
      summary: '10 activated, 0 failed',
    });
    const settled = progress.map((j) => j.settled);
    expect(settled).toEqual([...settled].sort((a, b) => a - b));
    expect(events.some((e) => e.type === 'users.changed')).toBe(true);
  });

  it('reactivates the users in Error and counts a switched-off user as failed', async () => {
    const world = await makeWorld();
    const broken = await world.addUser({
      name: 'ann',
      entries: [{ home: HOMES.main, mailid: '' }],
    });
    const later = await world.addUser({ name: 'bob', entries: [{ home: HOMES.main }] });
    await world.engine.setMessageService(ADMIN, broken, true);
    await world.settle();
    // Fixed on premises: the bulk activation reactivates the user in Error.
    const entry = (await world.store.findDirectoryEntriesByUserid(ORG, 'ann'))[0]!;
    await world.store.updateDirectoryEntry({ ...entry, mailid: 'ann@t.example' });

    const job = await world.engine.startBulkJob(ADMIN, {
      action: 'activate',
      selection: { kind: 'ids', ids: [broken, later] },
    });
    await world.engine.runDueWork(); // applies: both Pending
    // Someone switches bob off before the activation happens.
    await world.engine.setMessageService(ADMIN, later, false);
    const done = await runUntilCompleted(world, job.id);
    expect(done).toMatchObject({ succeeded: 1, failed: 1, summary: '1 activated, 1 failed' });
    const failures = await world.engine.getJobFailures(ORG, job.id, { page: 1, pageSize: 10 });
    expect(failures.items).toEqual([
      expect.objectContaining({ userId: later, status: 'Not activated', code: null }),
    ]);
    expect(failures.items[0]!.message).toMatch(/switched off/);
  });
});

describe('bulk deactivate and reactivate over a filter', () => {
  it('deactivates every user matching the filter, across pages', async () => {
    const world = await makeWorld();
    for (let i = 0; i < 120; i++) {
      const id = await world.addUser({ name: `e${i}`, entries: [{ home: HOMES.outage }] });
      await world.engine.setMessageService(ADMIN, id, true);
    }
    await world.addUser({ name: 'bystander', entries: [{ home: HOMES.main }] });
    await world.settle();
    expect((await world.engine.getUserStatusCounts(ORG)).byStatus.Error).toBe(120);

    const job = await world.engine.startBulkJob(ADMIN, {
      action: 'deactivate',
      selection: { kind: 'filter', status: 'Error' },
    });
    expect(job.total).toBe(120);
    const done = await runUntilCompleted(world, job.id);
    expect(done).toMatchObject({
      succeeded: 120,
      failed: 0,
      unchanged: 0,
      summary: '120 deactivated, 0 failed',
    });
    expect((await world.engine.getUserStatusCounts(ORG)).byStatus).toMatchObject({
      Error: 0,
      'Not activated': 121,
    });
  });

  it('reactivates by search text; a user who is off fails with a plain reason', async () => {
    const world = await makeWorld();
    const on = await world.addUser({ name: 'zed.one', entries: [{ home: HOMES.main }] });
    const off = await world.addUser({ name: 'zed.two', entries: [{ home: HOMES.main }] });
    await world.addUser({ name: 'amy', entries: [{ home: HOMES.main }] });
    await world.engine.setMessageService(ADMIN, on, true);
    await world.settle();

    const job = await world.engine.startBulkJob(ADMIN, {
      action: 'reactivate',
      selection: { kind: 'filter', q: 'zed' },
    });
    expect(job.total).toBe(2);
    const done = await runUntilCompleted(world, job.id);
    expect(done).toMatchObject({ succeeded: 1, failed: 1, summary: '1 reactivated, 1 failed' });
    const [failure] = (await world.engine.getJobFailures(ORG, job.id, { page: 1, pageSize: 10 }))
      .items;
    expect(failure).toMatchObject({ userId: off, status: 'Not activated' });
    expect(failure!.message).toMatch(/off for this user/);
    const lines = (await world.store.listHistory(ORG, on, { page: 1, pageSize: 10 })).items;
    expect(lines.map((l) => l.message).slice(0, 2)).toEqual([
      'Assigned to Expressway Main (exp-a.t.example).',
      'Reactivate User.',
    ]);
  });

  it('formats large numbers with thousands separators', async () => {
    const world = await makeWorld();
    const ids = [];
    for (let i = 0; i < 1234; i++) ids.push(`n${i}`);
    await world.store.insertUsers(ids.map((id) => cloudUser(id, `${id}@t.example`)));
    const job = await world.engine.startBulkJob(ADMIN, {
      action: 'deactivate',
      selection: { kind: 'filter' },
    });
    const done = await runUntilCompleted(world, job.id);
    expect(done.summary).toBe('0 deactivated, 0 failed, 1,234 already off');
  });
});

describe('a job in slices', () => {
  it('applies and settles a slice per call, and says when there is more', async () => {
    const world = await makeWorld();
    const ids = [];
    for (let i = 0; i < 7; i++)
      ids.push(await world.addUser({ name: `s${i}`, entries: [{ home: HOMES.main }] }));
    const job = await world.engine.startBulkJob(ADMIN, {
      action: 'activate',
      selection: { kind: 'ids', ids },
    });
    const ctx: EngineContext = {
      store: world.store,
      clock: new SimulationClock(world.clock, world.store),
      activationDelayMs: 0,
      retryDelayMs: 60_000,
      maintenanceRatePerMinute: 1000,
      dueWorkBatchSize: 3,
      sessionMovePace: { delayMs: 0, sessionsPerMinute: 1000 },
      newId: createIdGenerator(),
      notify: () => {},
    };
    expect(await runJobSlices(ctx, 3)).toMatchObject({ applied: 3, settled: 0, more: true });
    expect(await world.engine.getJob(ORG, job.id)).toMatchObject({
      state: 'applying',
      processed: 3,
      summary: '0 of 7 done',
    });
    await runJobSlices(ctx, 3);
    expect(await runJobSlices(ctx, 3)).toMatchObject({ applied: 1, more: false });
    expect((await world.engine.getJob(ORG, job.id)).state).toBe('settling');
    await world.settle(0);
    expect(await world.engine.getJob(ORG, job.id)).toMatchObject({
      state: 'completed',
      settled: 7,
      succeeded: 7,
    });
  });
});

describe('settling a job', () => {
  it('settles users who leave Pending out of order, once the ones before them have', async () => {
    const world = await makeWorld();
    const ids = [];
    for (let i = 0; i < 450; i++)
      ids.push(await world.addUser({ name: `o${i}`, entries: [{ home: HOMES.main }] }));
    const job = Job.parse(
      await world.engine.startBulkJob(ADMIN, {
        action: 'activate',
        selection: { kind: 'ids', ids },
      }),
    );
    await world.settle(0); // applied: all 450 Pending, their activation delay still to run
    // The last 50 are switched off again before their delay has passed: they have an outcome
    // already, while the 400 before them are still Pending.
    for (const id of ids.slice(400)) await world.engine.setMessageService(ADMIN, id, false);
    await world.settle(0);
    expect(Job.parse(await world.engine.getJob(ORG, job.id))).toMatchObject({
      state: 'settling',
      settled: 0,
    });

    const done = await runUntilCompleted(world, job.id);
    expect(done).toMatchObject({ total: 450, settled: 450, succeeded: 400, failed: 50 });
  });
});

describe('starting a job', () => {
  it('rejects unknown ids by name, and a selection that matches nobody', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    await expect(
      world.engine.startBulkJob(ADMIN, {
        action: 'activate',
        selection: { kind: 'ids', ids: [id, 'ghost-1', 'ghost-2'] },
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'selection.ids',
      message: 'Unknown users: ghost-1, ghost-2.',
    });
    await expect(
      world.engine.startBulkJob(ADMIN, {
        action: 'activate',
        selection: { kind: 'filter', q: 'nobody-has-this-name' },
      }),
    ).rejects.toMatchObject({ name: 'ValidationError', message: 'No users match this selection.' });
    await expect(world.engine.getJob(ORG, 'job-none')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('starts one job per id the caller chose: a retry, even two at once, answers that job', async () => {
    const world = await makeWorld();
    const ann = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    const bob = await world.addUser({ name: 'bob', entries: [{ home: HOMES.main }] });
    const request: BulkRequest = {
      action: 'activate',
      selection: { kind: 'ids', ids: [ann, bob] },
    };
    // The second try names another actor only so that a job it started would show.
    const [first, second] = await Promise.all([
      world.engine.startBulkJob(ADMIN, request, { jobId: 'job-retried' }),
      world.engine.startBulkJob({ ...ADMIN, actor: 'second@try' }, request, {
        jobId: 'job-retried',
      }),
    ]);
    expect(first).toMatchObject({ id: 'job-retried', actor: ADMIN.actor });
    expect(second).toEqual(first);
    expect(await world.store.listUnfinishedJobs()).toHaveLength(1);

    const job = await runUntilCompleted(world, 'job-retried');
    expect(job.succeeded).toBe(2);
    // Later, the same id is still that job (done), not a new one.
    const again = await world.engine.startBulkJob(ADMIN, request, { jobId: 'job-retried' });
    expect(again).toEqual(job);
    expect(await world.store.listUnfinishedJobs()).toHaveLength(0);
  });

  it('keeps jobs inside their organization', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    await world.store.insertOrganization({ id: 'other', name: 'Other' });
    const job = await world.engine.startBulkJob(ADMIN, {
      action: 'activate',
      selection: { kind: 'ids', ids: [id] },
    });
    await expect(world.engine.getJob('other', job.id)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(
      world.engine.getJobFailures('other', job.id, { page: 1, pageSize: 10 }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      world.engine.startBulkJob(
        { orgId: 'other', actor: 'x@y' },
        { action: 'activate', selection: { kind: 'ids', ids: [id] } },
      ),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });
});

describe('a big job while a Save waits', () => {
  it('leaves the rest of its slice queued for the next call, and still counts every user once', async () => {
    // A Save arrives while the job's step writes its first users.
    let onWrite: (() => void) | undefined;
    const world = await makeWorld({
      wrapStore: (inner) =>
        wrapTransactions(inner, (tx) => ({
          updateUsers: (changes) => {
            const arrive = onWrite;
            onWrite = undefined;
            arrive?.();
            return tx.updateUsers(changes);
          },
        })),
    });
    const ids = [];
    for (let i = 0; i < 1000; i++)
      ids.push(await world.addUser({ name: `u${i}`, entries: [{ home: HOMES.main }] }));
    const bob = await world.addUser({ name: 'bob', entries: [{ home: HOMES.main }] });
    const job = Job.parse(
      await world.engine.startBulkJob(ADMIN, {
        action: 'activate',
        selection: { kind: 'ids', ids },
      }),
    );

    let save: Promise<unknown> | undefined;
    onWrite = () => {
      save = world.engine.setMessageService(ADMIN, bob, true);
    };
    const report = await world.engine.runDueWork();
    // The Save did not wait for the whole slice of 1,000.
    expect(report.jobItemsApplied).toBeGreaterThan(0);
    expect(report.jobItemsApplied).toBeLessThan(1000);
    expect(report.more).toBe(true);
    expect(await save).toMatchObject({ status: 'Pending' });
    expect(Job.parse(await world.engine.getJob(ORG, job.id)).state).toBe('applying');

    const done = await runUntilCompleted(world, job.id);
    expect(done).toMatchObject({ total: 1000, processed: 1000, succeeded: 1000, failed: 0 });
  });
});
