import type { ActivationErrorCode, BulkAction, Job } from '@hybrid-hub/contract';
import type { JobItemState, JobRecord, UserOutcomeFields } from '../model/job.ts';
import type { CloudUser } from '../model/user.ts';
import { ACTIVATION_ERRORS } from './error-catalog.ts';
import { reactivate, switchMessageService, type UserChange } from './user-transitions.ts';

/**
 * Bulk activate / deactivate / reactivate (SPEC "Rules → Activation"), one user at a time, as
 * pure rules: what the job does to a user, what it then waits for, and how it reports.
 */

export interface ItemOutcome {
  state: JobItemState;
  code: ActivationErrorCode | null;
  message: string | null;
}

export interface ItemDecision extends ItemOutcome {
  /** The user's change, when the job changes the user. */
  change: UserChange | null;
}

export const USER_GONE = 'The user no longer exists.';
export const SWITCHED_OFF_MEANWHILE =
  'The Message Service was switched off for this user before activation finished.';

const outcome = (state: JobItemState, message: string | null = null): ItemOutcome => ({
  state,
  code: null,
  message,
});

/**
 * Applies the job's action to one user. A user the job makes Pending (or finds Pending) is
 * `waiting` for the activation's outcome; deactivation has its outcome at once.
 * - activate: off → switched on; in Error → reactivated; Active → `unchanged`.
 * - deactivate: on → switched off (`succeeded`); already off → `unchanged`.
 * - reactivate: Error or Active → Pending; off → `failed` (activate instead).
 */
export function applyBulkAction(
  action: BulkAction,
  user: CloudUser | undefined,
  actor: string,
  at: number,
  activationDelayMs: number,
): ItemDecision {
  if (!user) return { ...outcome('failed', USER_GONE), change: null };
  const waitFor = (change: UserChange | null): ItemDecision => ({
    ...outcome('waiting'),
    change,
  });
  switch (action) {
    case 'activate': {
      if (!user.messageServiceEnabled)
        return waitFor(switchMessageService(user, true, actor, at, activationDelayMs));
      if (user.status === 'Active') return { ...outcome('unchanged'), change: null };
      const result = reactivate(user, actor, at, activationDelayMs);
      return waitFor(result.kind === 'change' ? result.change : null);
    }
    case 'deactivate': {
      const change = switchMessageService(user, false, actor, at, activationDelayMs);
      return { ...outcome(change ? 'succeeded' : 'unchanged'), change };
    }
    case 'reactivate': {
      const result = reactivate(user, actor, at, activationDelayMs);
      if (result.kind === 'refused') return { ...outcome('failed', result.message), change: null };
      return waitFor(result.kind === 'change' ? result.change : null);
    }
  }
}

/** The outcome of a `waiting` item once its user has left Pending. */
export function settleItem(user: UserOutcomeFields | undefined): ItemOutcome {
  if (!user) return outcome('failed', USER_GONE);
  switch (user.status) {
    case 'Active':
      return outcome('succeeded');
    case 'Error': {
      const code = user.errorCode;
      const message =
        user.errorMessage ?? (code ? ACTIVATION_ERRORS[code].message : 'Activation failed.');
      return { state: 'failed', code, message };
    }
    case 'Not activated':
      return outcome('failed', SWITCHED_OFF_MEANWHILE);
    case 'Pending':
      throw new Error(`user ${user.id} is still Pending: the item has no outcome yet`);
  }
}

/** Counts a final item outcome in the job's counters. */
export function countOutcome(job: JobRecord, state: JobItemState): void {
  if (state === 'queued' || state === 'waiting') return;
  job.settled++;
  job[state]++;
}

const VERB: Record<BulkAction, string> = {
  activate: 'activated',
  deactivate: 'deactivated',
  reactivate: 'reactivated',
};
const ALREADY: Record<BulkAction, string> = {
  activate: 'already active',
  deactivate: 'already off',
  reactivate: 'unchanged',
};
const count = new Intl.NumberFormat('en-US');

/**
 * The honest one-line result: "4,980 activated, 20 failed" (", 3 already active" when some
 * needed nothing); while running, how far it got: "1,200 of 5,000 done".
 */
export function jobSummary(
  job: Pick<
    JobRecord,
    'action' | 'state' | 'total' | 'settled' | 'succeeded' | 'failed' | 'unchanged'
  >,
): string {
  if (job.state !== 'completed')
    return `${count.format(job.settled)} of ${count.format(job.total)} done`;
  const parts = [
    `${count.format(job.succeeded)} ${VERB[job.action]}`,
    `${count.format(job.failed)} failed`,
  ];
  if (job.unchanged > 0) parts.push(`${count.format(job.unchanged)} ${ALREADY[job.action]}`);
  return parts.join(', ');
}

export function toJob(job: JobRecord): Job {
  return {
    id: job.id,
    action: job.action,
    state: job.state,
    actor: job.actor,
    createdAt: new Date(job.createdAt).toISOString(),
    finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
    total: job.total,
    processed: job.processed,
    settled: job.settled,
    succeeded: job.succeeded,
    failed: job.failed,
    unchanged: job.unchanged,
    summary: jobSummary(job),
  };
}
