import { queryOptions } from '@tanstack/react-query';
import { apiClient } from './api-client.ts';
import { clusterKeys, userKeys } from './query-keys.ts';

/**
 * Reads more than one screen shows, defined once so they share one cache entry: the Overview's
 * tiles and the Users page's counts are one read of the counts, the Overview's clusters at a
 * glance, the Clusters page and the Alarms page's cluster filter one read of the clusters.
 * Features do not import each other, so these live here (as lab-status.ts does); each feature's
 * factory hands them out under its own name, with its own `select`.
 */
export const userStatusCountsQuery = queryOptions({
  queryKey: userKeys.statusCounts(),
  queryFn: ({ signal }) => apiClient.request('getUserStatusCounts', { signal }),
});

export const clusterListQuery = queryOptions({
  queryKey: clusterKeys.lists(),
  queryFn: ({ signal }) => apiClient.request('listClusters', { signal }),
});
