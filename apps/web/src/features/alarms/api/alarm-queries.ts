import type { AlarmState } from '@hybrid-hub/contract';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';
import { alarmKeys } from '../../../lib/query-keys.ts';
import { clusterListQuery } from '../../../lib/shared-queries.ts';

export const ALARMS_PAGE_SIZE = 25;

export interface AlarmFilters {
  state: AlarmState;
  clusterId?: string;
  page: number;
}

export const alarmQueries = {
  all: alarmKeys.all,
  lists: alarmKeys.lists,
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
  /** The clusters to filter by: their names, from the one read of the clusters. */
  clusters: () =>
    queryOptions({
      ...clusterListQuery,
      select: (response) => response.items.map(({ id, name }) => ({ id, name })),
    }),
};
