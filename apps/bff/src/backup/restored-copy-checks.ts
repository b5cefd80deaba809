import { USER_STATUSES, type UserStatus } from '@hybrid-hub/contract';
import { expect } from 'vitest';

/** Rows of a statement, on whichever database the restored copy is. */
export type Query = <T>(sql: string) => Promise<T[]>;

/** The status totals the console shows equal a recount of the users, in every organization. */
export async function expectTotalsRecounted(
  query: Query,
  countUsersByStatus: (orgId: string) => Promise<Record<UserStatus, number>>,
): Promise<void> {
  const orgs = await query<{ id: string }>('SELECT id FROM organizations ORDER BY id');
  expect(orgs.length).toBeGreaterThan(0);
  for (const { id } of orgs) {
    const rows = await query<{ status: UserStatus; n: number }>(
      `SELECT status, count(*) AS n FROM users WHERE org_id = '${id}' GROUP BY status`,
    );
    const recount = Object.fromEntries(USER_STATUSES.map((s) => [s, 0]));
    for (const row of rows) recount[row.status] = Number(row.n);
    expect(await countUsersByStatus(id), id).toEqual(recount);
  }
}

export interface JobAccount {
  id: string;
  state: string;
  total: number;
  processed: number;
  settled: number;
  queued: number;
}

/**
 * Every job is completed or can be resumed from what is stored: its counters are its items'
 * own count (applied = not queued, settled = a final outcome, each outcome counted once), and a
 * completed job has every item settled. Returns the jobs as found.
 */
export async function expectJobsAccounted(query: Query): Promise<JobAccount[]> {
  const jobs = await query<Record<string, number | string>>(
    `SELECT j.id, j.state, j.total, j.processed, j.settled, j.succeeded, j.failed, j.unchanged,
            (SELECT count(*) FROM job_items i WHERE i.job_id = j.id) AS items,
            (SELECT count(*) FROM job_items i WHERE i.job_id = j.id AND i.state = 'queued') AS queued,
            (SELECT count(*) FROM job_items i WHERE i.job_id = j.id AND i.state = 'waiting') AS waiting,
            (SELECT count(*) FROM job_items i WHERE i.job_id = j.id AND i.state = 'succeeded') AS items_succeeded,
            (SELECT count(*) FROM job_items i WHERE i.job_id = j.id AND i.state = 'failed') AS items_failed,
            (SELECT count(*) FROM job_items i WHERE i.job_id = j.id AND i.state = 'unchanged') AS items_unchanged
       FROM jobs j ORDER BY j.created_at, j.id`,
  );
  expect(jobs.length).toBeGreaterThan(0);
  return jobs.map((row) => {
    const n = (key: string) => Number(row[key]);
    const job = String(row.id);
    expect(n('items'), job).toBe(n('total'));
    expect(n('total') - n('queued'), job).toBe(n('processed'));
    expect(n('items_succeeded'), job).toBe(n('succeeded'));
    expect(n('items_failed'), job).toBe(n('failed'));
    expect(n('items_unchanged'), job).toBe(n('unchanged'));
    expect(n('succeeded') + n('failed') + n('unchanged'), job).toBe(n('settled'));
    expect(n('settled') + n('waiting') + n('queued'), job).toBe(n('total'));
    if (row.state === 'completed') expect(n('settled'), job).toBe(n('total'));
    return {
      id: job,
      state: String(row.state),
      total: n('total'),
      processed: n('processed'),
      settled: n('settled'),
      queued: n('queued'),
    };
  });
}
