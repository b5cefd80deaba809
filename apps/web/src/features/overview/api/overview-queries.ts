import type { UserStatus } from '@hybrid-hub/contract';
import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';
import { overviewKeys } from '../../../lib/query-keys.ts';
import { clusterListQuery, userStatusCountsQuery } from '../../../lib/shared-queries.ts';

/** The Overview lists the most pressing open alarms; the Alarms page has them all. */
export const OVERVIEW_ALARMS_PAGE_SIZE = 10;

/**
 * Overview figures, built from existing routes only. The counts and the clusters are the Users
 * and Clusters pages' own reads (lib/shared-queries.ts: one cache entry each); the rest is the
 * Overview's, on its key family (lib/query-keys.ts).
 */
export const overviewQueries = {
  all: overviewKeys.all,
  userStatusCounts: () =>
    queryOptions({
      ...userStatusCountsQuery,
      // Without an event stream, Pending users settle unannounced: one cheap read per visit.
      staleTime: 0,
    }),
  /** How many users have this status: one read of the counts serves every tile. */
  userStatusCount: (status: UserStatus) =>
    queryOptions({
      ...overviewQueries.userStatusCounts(),
      select: (counts) => counts.byStatus[status] ?? 0,
    }),
  clusters: () => queryOptions({ ...clusterListQuery, select: (response) => response.items }),
  /** Enabled users active in the last 72 hours vs not: the activity chart. */
  activity: () =>
    queryOptions({
      queryKey: overviewKeys.activity(),
      queryFn: ({ signal }) => apiClient.request('getUserActivity', { signal }),
      staleTime: 0,
    }),
  /** The organization's open alarms, most severe then newest first. */
  openAlarms: () =>
    queryOptions({
      queryKey: overviewKeys.openAlarms(),
      queryFn: ({ signal }) =>
        apiClient.request('listAlarms', {
          query: { state: 'open', pageSize: OVERVIEW_ALARMS_PAGE_SIZE },
          signal,
        }),
    }),
};
