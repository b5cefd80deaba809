import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';

export const clusterQueries = {
  all: () => ['clusters'] as const,
  lists: () => [...clusterQueries.all(), 'list'] as const,
  list: () =>
    queryOptions({
      queryKey: clusterQueries.lists(),
      queryFn: ({ signal }) => apiClient.request('listClusters', { signal }),
    }),
  details: () => [...clusterQueries.all(), 'detail'] as const,
  detail: (id: string) =>
    queryOptions({
      queryKey: [...clusterQueries.details(), id] as const,
      queryFn: ({ signal }) => apiClient.request('getCluster', { params: { id }, signal }),
    }),
};
