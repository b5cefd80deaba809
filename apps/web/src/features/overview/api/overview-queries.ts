import type { UserStatus } from '@hybrid-hub/contract';
import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';

/** The Overview lists the most pressing open alarms; the Alarms page has them all. */
export const OVERVIEW_ALARMS_PAGE_SIZE = 10;

/**
 * Overview figures, built from existing routes only. Keys live under 'overview' because
 * features do not share factories: the Overview follows `users.changed` events itself while
 * shown (useLiveOverview), and reads the user counts afresh whenever it is opened.
 */
export const overviewQueries = {
  all: () => ['overview'] as const,
  userStatusCounts: () =>
    queryOptions({
      queryKey: [...overviewQueries.all(), 'user-status-counts'] as const,
      queryFn: ({ signal }) => apiClient.request('getUserStatusCounts', { signal }),
      // Other screens change users without telling this feature: one cheap read per visit.
      staleTime: 0,
    }),
  /** How many users have this status: one read of the counts serves every tile. */
  userStatusCount: (status: UserStatus) =>
    queryOptions({
      ...overviewQueries.userStatusCounts(),
      select: (counts) => counts.byStatus[status] ?? 0,
    }),
  clusters: () =>
    queryOptions({
      queryKey: [...overviewQueries.all(), 'clusters'] as const,
      queryFn: ({ signal }) => apiClient.request('listClusters', { signal }),
      select: (response) => response.items,
    }),
  /** Enabled users active in the last 72 hours vs not: the activity chart. */
  activity: () =>
    queryOptions({
      queryKey: [...overviewQueries.all(), 'activity'] as const,
      queryFn: ({ signal }) => apiClient.request('getUserActivity', { signal }),
      staleTime: 0,
    }),
  /** The organization's open alarms, most severe then newest first. */
  openAlarms: () =>
    queryOptions({
      queryKey: [...overviewQueries.all(), 'open-alarms'] as const,
      queryFn: ({ signal }) =>
        apiClient.request('listAlarms', {
          query: { state: 'open', pageSize: OVERVIEW_ALARMS_PAGE_SIZE },
          signal,
        }),
    }),
};
