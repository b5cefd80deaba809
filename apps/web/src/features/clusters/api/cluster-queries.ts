import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';
import { clusterKeys } from '../../../lib/query-keys.ts';
import { clusterListQuery } from '../../../lib/shared-queries.ts';

/** One page of a cluster's open alarms is enough for its page: the Alarms page lists them all. */
export const CLUSTER_ALARMS_PAGE_SIZE = 20;

/** The clusters feature's query factory, on the key family events name (lib/query-keys.ts). */
export const clusterQueries = {
  all: clusterKeys.all,
  lists: clusterKeys.lists,
  /** The Overview's clusters at a glance read the same (lib/shared-queries.ts). */
  list: () => clusterListQuery,
  details: clusterKeys.details,
  detail: (id: string) =>
    queryOptions({
      queryKey: clusterKeys.detail(id),
      queryFn: ({ signal }) => apiClient.request('getCluster', { params: { id }, signal }),
    }),
  /** The cluster's open alarms (under its detail key, so a cluster change reads them again). */
  alarms: (id: string) =>
    queryOptions({
      queryKey: clusterKeys.alarms(id),
      queryFn: ({ signal }) =>
        apiClient.request('listAlarms', {
          query: { clusterId: id, state: 'open', pageSize: CLUSTER_ALARMS_PAGE_SIZE },
          signal,
        }),
    }),
  /**
   * The impact of entering maintenance mode on a node, computed now: never served from cache,
   * since the admin decides on it (and sends its revision back as If-Match).
   */
  maintenancePreview: (nodeId: string) =>
    queryOptions({
      queryKey: [...clusterQueries.all(), 'maintenance-preview', nodeId] as const,
      queryFn: ({ signal }) =>
        apiClient.request('getMaintenancePreview', { params: { id: nodeId }, signal }),
      staleTime: 0,
      gcTime: 0,
    }),
};
