import type { JobItem, JobItemState, JobRecord, WaitingJobItem } from '../../model/job.ts';
import type { CloudUser } from '../../model/user.ts';
import type { SyncPort } from '../embedded.ts';
import type { JobsPort } from '../jobs-port.ts';
import type { PageRequest, Paged } from '../store.ts';
import { copy, type MemoryHost } from './memory-tables.ts';

interface StoredJob {
  record: JobRecord;
  /** Indexed by `seq`. */
  items: JobItem[];
}

type WithUser = { item: JobItem; user: CloudUser | undefined };

/** Bulk jobs and their items in memory. Job ids are unique across organizations, as in SQLite. */
export class MemoryJobs implements SyncPort<JobsPort> {
  readonly #jobs = new Map<string, StoredJob>();

  constructor(private readonly host: MemoryHost) {}

  insertJob(job: JobRecord, userIds: readonly string[]): void {
    this.host.writable(job.orgId);
    if (this.#jobs.has(job.id)) throw new Error(`duplicate job id ${job.id}`);
    const items = userIds.map((userId, seq): JobItem => ({
      jobId: job.id,
      seq,
      userId,
      state: 'queued',
      code: null,
      message: null,
    }));
    this.#jobs.set(job.id, { record: copy(job), items });
    this.host.onUndo(() => this.#jobs.delete(job.id));
  }

  getJob(orgId: string, jobId: string): JobRecord | undefined {
    const job = this.#job(orgId, jobId);
    return job && copy(job.record);
  }

  updateJob(job: JobRecord): void {
    const stored = this.#job(job.orgId, job.id);
    if (!stored) return;
    const before = stored.record;
    stored.record = copy(job);
    this.host.onUndo(() => (stored.record = before));
  }

  listUnfinishedJobs(): JobRecord[] {
    return [...this.#jobs.values()]
      .map((job) => job.record)
      .filter((record) => record.state !== 'completed')
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(copy);
  }

  listJobItems(jobId: string, state: JobItemState, limit: number, afterSeq = -1): JobItem[] {
    return this.#inState(jobId, state, limit, afterSeq).map(({ item }) => copy(item));
  }

  listWaitingJobItems(jobId: string, afterSeq: number, limit: number): WaitingJobItem[] {
    return this.#inState(jobId, 'waiting', limit, afterSeq).map(({ item, user }) => ({
      item: copy(item),
      user: user && {
        id: user.id,
        status: user.status,
        errorCode: user.errorCode,
        errorMessage: user.errorMessage,
      },
    }));
  }

  updateJobItems(items: readonly JobItem[]): void {
    const targets = items.map((item) => this.#jobs.get(item.jobId)?.items[item.seq]);
    const before = targets.map((target) => target && copy(target));
    items.forEach((item, i) => {
      const target = targets[i];
      if (!target) return;
      target.state = item.state;
      target.code = item.code;
      target.message = item.message;
    });
    this.host.onUndo(() => {
      // Backwards: an item named twice in one call gets its first state back.
      for (let i = targets.length - 1; i >= 0; i--) {
        if (targets[i]) Object.assign(targets[i]!, before[i]);
      }
    });
  }

  listJobFailures(orgId: string, jobId: string, page: PageRequest): Paged<WithUser> {
    const job = this.#job(orgId, jobId);
    const failed = job?.items.filter((item) => item.state === 'failed') ?? [];
    const start = (page.page - 1) * page.pageSize;
    return {
      items: failed.slice(start, start + page.pageSize).map((item) => this.#withUser(job!, item)),
      total: failed.length,
    };
  }

  #job(orgId: string, jobId: string): StoredJob | undefined {
    const job = this.#jobs.get(jobId);
    return job?.record.orgId === orgId ? job : undefined;
  }

  /**
   * Up to `limit` of the job's items in `state` with a `seq` above `afterSeq`, in `seq` order,
   * each with its user: as stored, not copies. Items are kept by seq, so the walk starts there.
   */
  #inState(
    jobId: string,
    state: JobItemState,
    limit: number,
    afterSeq: number,
  ): { item: JobItem; user: CloudUser | undefined }[] {
    const job = this.#jobs.get(jobId);
    const selected: { item: JobItem; user: CloudUser | undefined }[] = [];
    if (!job) return selected;
    for (let seq = Math.max(0, Math.floor(afterSeq) + 1); seq < job.items.length; seq++) {
      if (selected.length >= limit) break;
      const item = job.items[seq]!;
      if (item.state === state) selected.push({ item, user: this.#user(job, item) });
    }
    return selected;
  }

  /** The stored user (not a copy). */
  #user(job: StoredJob, item: JobItem): CloudUser | undefined {
    return this.host.tables(job.record.orgId)?.users.get(item.userId);
  }

  #withUser(job: StoredJob, item: JobItem): WithUser {
    const user = this.#user(job, item);
    return { item: copy(item), user: user && copy(user) };
  }
}
