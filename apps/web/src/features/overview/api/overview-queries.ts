import type { UserStatus } from '@hybrid-hub/contract';
import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';

/**
 * Overview figures, built from existing routes only. Keys live under 'overview' because
 * features do not share factories; whatever invalidates users or clusters after a change
 * should invalidate `overviewQueries.all()` too.
 */
export const overviewQueries = {
  all: () => ['overview'] as const,
  /** How many users have this status: a one-row page of the users list, read for its total. */
  userStatusCount: (status: UserStatus) =>
    queryOptions({
      queryKey: [...overviewQueries.all(), 'user-status-count', status] as const,
      queryFn: ({ signal }) =>
        apiClient.request('listUsers', { query: { status, pageSize: 1 }, signal }),
      select: (page) => page.total,
    }),
  clusters: () =>
    queryOptions({
      queryKey: [...overviewQueries.all(), 'clusters'] as const,
      queryFn: ({ signal }) => apiClient.request('listClusters', { signal }),
      select: (response) => response.items,
    }),
};
