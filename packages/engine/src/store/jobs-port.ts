import type { JobItem, JobItemState, JobRecord, WaitingJobItem } from '../model/job.ts';
import type { CloudUser } from '../model/user.ts';
import type { PageRequest, Paged } from './paging.ts';

/** Bulk jobs and their items (one per user). */
export interface JobsPort {
  /** Stores a new job and its items (one per user, `seq` from 0, state `queued`). */
  insertJob(job: JobRecord, userIds: readonly string[]): Promise<void>;
  getJob(orgId: string, jobId: string): Promise<JobRecord | undefined>;
  updateJob(job: JobRecord): Promise<void>;
  /** Jobs not yet `completed`, of every organization, oldest first. */
  listUnfinishedJobs(): Promise<JobRecord[]>;
  /** Up to `limit` items of the job in this state with a `seq` above `afterSeq`, in `seq` order. */
  listJobItems(
    jobId: string,
    state: JobItemState,
    limit: number,
    afterSeq?: number,
  ): Promise<JobItem[]>;
  /**
   * Up to `limit` `waiting` items with a `seq` above `afterSeq`, in `seq` order, each with its
   * user's status as it is now (undefined when the job's organization has no such user): what
   * settling an item needs, without reading the whole user.
   */
  listWaitingJobItems(jobId: string, afterSeq: number, limit: number): Promise<WaitingJobItem[]>;
  /** Writes the items' `state`, `code` and `message` (matched by jobId + seq). */
  updateJobItems(items: readonly JobItem[]): Promise<void>;
  /** The job's `failed` items in `seq` order, paged, with the user (display name, email, status). */
  listJobFailures(
    orgId: string,
    jobId: string,
    page: PageRequest,
  ): Promise<Paged<{ item: JobItem; user: CloudUser | undefined }>>;
}

export const JOBS_METHODS = {
  insertJob: true,
  getJob: true,
  updateJob: true,
  listUnfinishedJobs: true,
  listJobItems: true,
  listWaitingJobItems: true,
  updateJobItems: true,
  listJobFailures: true,
} as const satisfies Record<keyof JobsPort, true>;
