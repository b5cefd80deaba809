import type { AlarmState } from '@hybrid-hub/contract';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';

export const ALARMS_PAGE_SIZE = 25;

export interface AlarmFilters {
  state: AlarmState;
  clusterId?: string;
  page: number;
}

export const alarmQueries = {
  all: () => ['alarms'] as const,
  lists: () => [...alarmQueries.all(), 'list'] as const,
  list: ({ state, clusterId, page }: AlarmFilters) =>
    queryOptions({
      queryKey: [...alarmQueries.lists(), { state, clusterId, page }] as const,
      queryFn: ({ signal }) =>
        apiClient.request('listAlarms', {
          query: { state, clusterId, page, pageSize: ALARMS_PAGE_SIZE },
          signal,
        }),
      placeholderData: keepPreviousData,
    }),
  /** The clusters to filter by (names only; read here so the feature stands alone). */
  clusters: () =>
    queryOptions({
      queryKey: [...alarmQueries.all(), 'clusters'] as const,
      queryFn: ({ signal }) => apiClient.request('listClusters', { signal }),
      select: (response) => response.items.map(({ id, name }) => ({ id, name })),
    }),
};
