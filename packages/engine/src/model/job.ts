import type { ActivationErrorCode, BulkAction, HubEvent, JobState } from '@hybrid-hub/contract';
import type { CloudUser } from './user.ts';

/** A bulk job as stored: its counters are kept current by the engine's due work. */
export interface JobRecord {
  id: string;
  orgId: string;
  action: BulkAction;
  state: JobState;
  /** The administrator who started it. */
  actor: string;
  createdAt: number;
  finishedAt: number | null;
  total: number;
  processed: number;
  settled: number;
  succeeded: number;
  failed: number;
  unchanged: number;
}

/**
 * Where one user of a job stands: `queued` (not yet applied), `waiting` (applied; the user is
 * Pending and the job waits for the outcome), then one of the final outcomes.
 */
export type JobItemState = 'queued' | 'waiting' | 'succeeded' | 'failed' | 'unchanged';

export interface JobItem {
  jobId: string;
  /** Position in the selection, from 0: items are applied in this order. */
  seq: number;
  userId: string;
  state: JobItemState;
  /** Why the user failed (final outcome `failed`). */
  code: ActivationErrorCode | null;
  message: string | null;
}

/** The part of a user that decides a waiting item's outcome. */
export type UserOutcomeFields = Pick<CloudUser, 'id' | 'status' | 'errorCode' | 'errorMessage'>;

/** A `waiting` item with its user's status as it is now (undefined: no such user any more). */
export interface WaitingJobItem {
  item: JobItem;
  user: UserOutcomeFields | undefined;
}

/** An event in the organization's outbox, numbered in commit order (SSE `id:`). */
export interface StoredEvent {
  seq: number;
  orgId: string;
  at: number;
  event: HubEvent;
}
