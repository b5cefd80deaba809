import type { ActivationErrorCode, UserStatus } from '@hybrid-hub/contract';
import type {
  CloudUser,
  JobItem,
  JobItemState,
  JobRecord,
  JobsPort,
  Paged,
  PageRequest,
  WaitingJobItem,
} from '@hybrid-hub/engine';
import type { PgQueryable } from '../pg-queryable.ts';
import { atomically } from './pg-atomically.ts';
import { epochMs, insertRows, selectRows } from './pg-rows.ts';
import { toCloudUser, USER_SELECT_LIST, type PgUserRow } from './pg-user-rows.ts';

const JOB_SELECT = /* sql */ `SELECT id, org_id AS "orgId", action, state, actor,
  created_at AS "createdAt", finished_at AS "finishedAt", total, processed, settled, succeeded,
  failed, unchanged FROM jobs`;

const ITEM_SELECT = /* sql */ `SELECT job_id AS "jobId", seq, user_id AS "userId", state, code,
  message FROM job_items`;

const jobRow = (job: JobRecord) => ({
  id: job.id,
  org_id: job.orgId,
  action: job.action,
  state: job.state,
  actor: job.actor,
  created_at: epochMs(job.createdAt),
  finished_at: epochMs(job.finishedAt),
  total: job.total,
  processed: job.processed,
  settled: job.settled,
  succeeded: job.succeeded,
  failed: job.failed,
  unchanged: job.unchanged,
});

interface WaitingRow {
  seq: number;
  user_id: string;
  code: ActivationErrorCode | null;
  message: string | null;
  id: string | null;
  status: UserStatus | null;
  error_code: ActivationErrorCode | null;
  error_message: string | null;
}

type FailureRow = Omit<PgUserRow, 'u_id'> & {
  u_id: string | null;
  item_seq: number;
  item_user_id: string;
  item_code: ActivationErrorCode | null;
  item_message: string | null;
};

/**
 * Bulk jobs and their items. A job's items in one state, in seq order, are a range of
 * job_items_by_state (job_id, state, seq).
 */
export class PgJobs implements JobsPort {
  readonly #sql: PgQueryable;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
  }

  insertJob(job: JobRecord, userIds: readonly string[]): Promise<void> {
    return atomically(this.#sql, async (sql) => {
      await insertRows(sql, 'jobs', [jobRow(job)]);
      // One statement for all items: the array's ordinality is the item's seq (from 0).
      await sql.query(
        `INSERT INTO job_items (job_id, seq, user_id, state)
         SELECT $1, u.n - 1, u.user_id, 'queued'
         FROM unnest($2::text[]) WITH ORDINALITY AS u(user_id, n)`,
        [job.id, userIds],
      );
    });
  }

  async getJob(orgId: string, jobId: string): Promise<JobRecord | undefined> {
    const [job] = await selectRows<JobRecord>(
      this.#sql,
      `${JOB_SELECT} WHERE org_id = $1 AND id = $2`,
      [orgId, jobId],
    );
    return job;
  }

  async updateJob(job: JobRecord): Promise<void> {
    const row = jobRow(job);
    const columns = Object.keys(row).filter((c) => c !== 'org_id' && c !== 'id');
    await this.#sql.query(
      `UPDATE jobs SET ${columns.map((c, i) => `${c} = $${i + 3}`).join(', ')}
       WHERE org_id = $1 AND id = $2`,
      [job.orgId, job.id, ...columns.map((c) => row[c as keyof typeof row])],
    );
  }

  listUnfinishedJobs(): Promise<JobRecord[]> {
    return selectRows(
      this.#sql,
      `${JOB_SELECT} WHERE state <> 'completed' ORDER BY created_at, id`,
    );
  }

  listJobItems(
    jobId: string,
    state: JobItemState,
    limit: number,
    afterSeq = -1,
  ): Promise<JobItem[]> {
    return selectRows(
      this.#sql,
      `${ITEM_SELECT} WHERE job_id = $1 AND state = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
      [jobId, state, afterSeq, Math.max(0, limit)],
    );
  }

  async listWaitingJobItems(
    jobId: string,
    afterSeq: number,
    limit: number,
  ): Promise<WaitingJobItem[]> {
    // Each item joined to four columns of its user in the job's organization: settling a
    // 100,000-user job reads every user once, and the whole row would be decoded for nothing.
    const rows = await selectRows<WaitingRow>(
      this.#sql,
      `SELECT i.seq, i.user_id, i.code, i.message, u.id, u.status, u.error_code, u.error_message
       FROM jobs j
       JOIN job_items i ON i.job_id = j.id
       LEFT JOIN users u ON u.org_id = j.org_id AND u.id = i.user_id
       WHERE j.id = $1 AND i.state = 'waiting' AND i.seq > $2
       ORDER BY i.seq LIMIT $3`,
      [jobId, afterSeq, Math.max(0, limit)],
    );
    return rows.map((row) => ({
      item: {
        jobId,
        seq: row.seq,
        userId: row.user_id,
        state: 'waiting',
        code: row.code,
        message: row.message,
      },
      user:
        row.id === null
          ? undefined
          : {
              id: row.id,
              status: row.status!,
              errorCode: row.error_code,
              errorMessage: row.error_message,
            },
    }));
  }

  async updateJobItems(items: readonly JobItem[]): Promise<void> {
    if (items.length === 0) return;
    // One statement for the whole batch, the items as parallel arrays.
    await this.#sql.query(
      `UPDATE job_items i SET state = r.state, code = r.code, message = r.message
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])
         AS r(job_id, seq, state, code, message)
       WHERE i.job_id = r.job_id AND i.seq = r.seq`,
      [
        items.map((item) => item.jobId),
        items.map((item) => item.seq),
        items.map((item) => item.state),
        items.map((item) => item.code),
        items.map((item) => item.message),
      ],
    );
  }

  async listJobFailures(
    orgId: string,
    jobId: string,
    page: PageRequest,
  ): Promise<Paged<{ item: JobItem; user: CloudUser | undefined }>> {
    const failed = "j.org_id = $1 AND j.id = $2 AND i.state = 'failed'";
    const [[count], rows] = await Promise.all([
      selectRows<{ n: number }>(
        this.#sql,
        `SELECT count(*) AS n FROM jobs j JOIN job_items i ON i.job_id = j.id WHERE ${failed}`,
        [orgId, jobId],
      ),
      selectRows<FailureRow>(
        this.#sql,
        `SELECT i.seq AS item_seq, i.user_id AS item_user_id, i.code AS item_code,
           i.message AS item_message, ${USER_SELECT_LIST}
         FROM jobs j
         JOIN job_items i ON i.job_id = j.id
         LEFT JOIN users u ON u.org_id = j.org_id AND u.id = i.user_id
         WHERE ${failed}
         ORDER BY i.seq LIMIT $3 OFFSET $4`,
        [orgId, jobId, page.pageSize, (page.page - 1) * page.pageSize],
      ),
    ]);
    const items = rows.map((row) => ({
      item: {
        jobId,
        seq: row.item_seq,
        userId: row.item_user_id,
        state: 'failed' as const,
        code: row.item_code,
        message: row.item_message,
      },
      user: row.u_id === null ? undefined : toCloudUser({ ...row, u_id: row.u_id }),
    }));
    return { items, total: count!.n };
  }
}
