import type { Job, JobFailuresQuery, JobFailuresResponse } from '@hybrid-hub/contract';
import { NotFoundError } from '../errors.ts';
import { toJob, USER_GONE } from '../rules/bulk-job.ts';
import type { Store } from '../store/store.ts';

export async function getJob(store: Store, orgId: string, jobId: string): Promise<Job> {
  const job = await store.getJob(orgId, jobId);
  if (!job) throw new NotFoundError('job', jobId);
  return toJob(job);
}

/** The users a job could not bring to the asked state, with the reason, in selection order. */
export async function getJobFailures(
  store: Store,
  orgId: string,
  jobId: string,
  query: JobFailuresQuery,
): Promise<JobFailuresResponse> {
  if (!(await store.getJob(orgId, jobId))) throw new NotFoundError('job', jobId);
  const page = await store.listJobFailures(orgId, jobId, query);
  return {
    items: page.items.map(({ item, user }) => ({
      userId: item.userId,
      displayName: user?.displayName ?? '',
      email: user?.email ?? '',
      // A removed user has no status left; "Not activated" is what the service sees.
      status: user?.status ?? 'Not activated',
      code: item.code,
      message: item.message ?? (user ? 'Failed.' : USER_GONE),
    })),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
