import type { BulkRequest, Job } from '@hybrid-hub/contract';
import type { Actor } from '../model/actor.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { JobItem, JobRecord } from '../model/job.ts';
import { applyBulkAction, countOutcome, settleItem, toJob } from '../rules/bulk-job.ts';
import type { Store } from '../store/store.ts';
import type { EngineContext } from './context.ts';
import { writeUserChanges, WRITE_CHUNK } from './write-changes.ts';

export interface StartBulkJobOptions {
  /**
   * The job's id, chosen by the caller (the BFF derives it from an Idempotency-Key): when a job
   * of the organization has this id already, the request is a retry and that job is the answer;
   * nothing new starts.
   */
  jobId?: string;
}

/**
 * Resolves the selection to user ids once (named ids, or every user matching the filter across
 * all pages) and queues one item per user; the due work carries the job out slice by slice.
 */
export async function startBulkJob(
  ctx: EngineContext,
  by: Actor,
  request: BulkRequest,
  { jobId }: StartBulkJobOptions = {},
): Promise<Job> {
  if (!(await ctx.store.getOrganization(by.orgId)))
    throw new NotFoundError('organization', by.orgId);
  const earlier = jobId && (await ctx.store.getJob(by.orgId, jobId));
  if (earlier) return toJob(earlier);
  const userIds = await selectUsers(ctx.store, by.orgId, request.selection);
  if (userIds.length === 0)
    throw new ValidationError('selection', 'No users match this selection.');
  const at = ctx.clock.now(by.orgId);
  const job: JobRecord = {
    id: jobId ?? ctx.newId('job'),
    orgId: by.orgId,
    action: request.action,
    state: 'applying',
    actor: by.actor,
    createdAt: at,
    finishedAt: null,
    total: userIds.length,
    processed: 0,
    settled: 0,
    succeeded: 0,
    failed: 0,
    unchanged: 0,
  };
  const retried = await ctx.store.transaction(by.orgId, async (tx) => {
    // Two tries of one request at once: the first to get here started the job.
    const started = jobId && (await tx.getJob(by.orgId, jobId));
    if (started) return started;
    await tx.insertJob(job, userIds);
    await tx.appendEvents(by.orgId, at, [{ type: 'job.progress', job: toJob(job) }]);
    return undefined;
  });
  if (retried) return toJob(retried);
  ctx.notify([by.orgId]);
  return toJob(job);
}

async function selectUsers(
  store: Store,
  orgId: string,
  selection: BulkRequest['selection'],
): Promise<string[]> {
  if (selection.kind === 'filter') {
    return store.listUserIds(orgId, {
      ...(selection.q ? { q: selection.q } : {}),
      ...(selection.status ? { status: selection.status } : {}),
    });
  }
  const ids = [...new Set(selection.ids)];
  const found = new Set((await store.getUsers(orgId, ids)).map((user) => user.id));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length > 0) {
    const named = unknown.slice(0, 5).join(', ');
    const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
    throw new ValidationError('selection.ids', `Unknown users: ${named}${more}.`);
  }
  return ids;
}

export interface JobWorkReport {
  applied: number;
  settled: number;
  /** A slice was full: the job has more to do right now. */
  more: boolean;
}

/** The next slice of every unfinished job, each job in its own transaction. */
export async function runJobSlices(
  ctx: EngineContext,
  slice = ctx.dueWorkBatchSize,
): Promise<JobWorkReport> {
  const report: JobWorkReport = { applied: 0, settled: 0, more: false };
  for (const { orgId, id } of await ctx.store.listUnfinishedJobs()) {
    const step = await ctx.store.transaction(orgId, (tx) => advanceJob(ctx, tx, orgId, id, slice));
    if (step.changed) ctx.notify([orgId]);
    report.applied += step.applied;
    report.settled += step.settled;
    report.more ||= step.more;
  }
  return report;
}

/**
 * One step of a job: apply the next queued items, then settle the waiting items whose users have
 * left Pending, then move the job on (applying → settling once nothing is queued, → completed
 * once every item has an outcome) and announce it.
 */
async function advanceJob(
  ctx: EngineContext,
  tx: Store,
  orgId: string,
  jobId: string,
  slice: number,
): Promise<JobWorkReport & { changed: boolean }> {
  const at = ctx.clock.now(orgId);
  const job = await tx.getJob(orgId, jobId);
  if (!job || job.state === 'completed')
    return { applied: 0, settled: 0, more: false, changed: false };
  const stateBefore = job.state;
  const apply =
    job.state === 'applying'
      ? await applyQueued(ctx, tx, job, slice, at)
      : { applied: 0, more: false };
  const settled = await settleWaiting(tx, job, slice);

  if (job.state !== 'applying' && job.settled >= job.total) {
    job.state = 'completed';
    job.finishedAt = at;
  }
  const changed = apply.applied > 0 || settled.settled > 0 || job.state !== stateBefore;
  if (changed) {
    await tx.updateJob(job);
    // writeUserChanges has announced the users; this announces the job.
    await tx.appendEvents(orgId, at, [{ type: 'job.progress', job: toJob(job) }]);
  }
  return {
    applied: apply.applied,
    settled: settled.settled,
    more: apply.more || settled.more,
    changed,
  };
}

/**
 * Applies the job's action to its next queued users, up to `slice` of them; updates `job`
 * (counters, state). The items are read, their users read, decided and written WRITE_CHUNK at a
 * time, so every store call stays short; when other work waits for the store, the rest stays
 * queued for the next call, which reads on from there rather than re-reading a whole slice.
 */
async function applyQueued(
  ctx: EngineContext,
  tx: Store,
  job: JobRecord,
  slice: number,
  at: number,
): Promise<{ applied: number; more: boolean }> {
  let applied = 0;
  let read = 0;
  let afterSeq = -1;
  let allDone = true;
  let exhausted = false;
  // Up to a full slice, unless someone waits for the store (a user's Save).
  for (let index = 0; read < slice; index++) {
    if (index > 0 && (await tx.shouldYield())) break;
    const wanted = Math.min(WRITE_CHUNK, slice - read);
    const chunk = await tx.listJobItems(job.id, 'queued', wanted, afterSeq);
    read += chunk.length;
    if (chunk.length > 0) afterSeq = chunk.at(-1)!.seq;
    const found = await tx.getUsers(
      job.orgId,
      chunk.map((item) => item.userId),
    );
    const users = new Map(found.map((u) => [u.id, u]));
    const decisions = chunk.map((item) => ({
      item,
      decision: applyBulkAction(
        job.action,
        users.get(item.userId),
        job.actor,
        at,
        ctx.activationDelayMs,
      ),
    }));
    const changes = decisions.flatMap(({ decision }) => (decision.change ? [decision.change] : []));
    const written = new Set(
      (await writeUserChanges(tx, job.orgId, changes, at, ctx.newId)).map((c) => c.after.id),
    );
    // A user changed by someone else between our read and our write stays queued (retried by
    // the next call); everyone else has been applied.
    const done: JobItem[] = decisions
      .filter(({ decision }) => !decision.change || written.has(decision.change.after.id))
      .map(({ item, decision }) => ({
        ...item,
        state: decision.state,
        code: decision.code,
        message: decision.message,
      }));
    await tx.updateJobItems(done);
    for (const item of done) countOutcome(job, item.state);
    applied += done.length;
    allDone &&= done.length === chunk.length;
    if (chunk.length < wanted) {
      exhausted = true;
      break;
    }
  }
  job.processed += applied;
  if (exhausted && allDone) job.state = 'settling';
  return { applied, more: !exhausted };
}

/**
 * Gives the waiting items whose users have left Pending their outcome; updates `job`'s counters.
 * Reads the waiting items in `seq` order, WRITE_CHUNK at a time, each with its user's status,
 * and stops at the first chunk in which no user has left Pending: users settle in about the
 * order the job made them Pending (same activation delay), so the items after that chunk are
 * Pending too. Every Pending user has a due time, so the head of the queue always moves on.
 * Reading a fixed window each step instead re-read thousands of still-Pending users on every
 * call while a big job's users waited out their delay.
 */
async function settleWaiting(
  tx: Store,
  job: JobRecord,
  slice: number,
): Promise<{ settled: number; more: boolean }> {
  let settled = 0;
  let afterSeq = -1;
  for (let index = 0; settled < slice; index++) {
    if (index > 0 && (await tx.shouldYield())) return { settled, more: true };
    const chunk = await tx.listWaitingJobItems(job.id, afterSeq, WRITE_CHUNK);
    if (chunk.length === 0) break;
    afterSeq = chunk.at(-1)!.item.seq;
    const outcomes = chunk.flatMap(({ item, user }): JobItem[] =>
      user?.status === 'Pending' ? [] : [{ ...item, ...settleItem(user) }],
    );
    if (outcomes.length === 0) break;
    await tx.updateJobItems(outcomes);
    for (const item of outcomes) countOutcome(job, item.state);
    settled += outcomes.length;
    if (chunk.length < WRITE_CHUNK) break;
  }
  return { settled, more: settled >= slice };
}
