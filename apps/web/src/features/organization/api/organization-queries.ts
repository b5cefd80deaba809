import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';

export const organizationQueries = {
  all: () => ['organization'] as const,
  /** The signed-in administrator's organization. */
  current: () =>
    queryOptions({
      queryKey: [...organizationQueries.all(), 'current'] as const,
      queryFn: ({ signal }) => apiClient.request('getOrganization', { signal }),
      staleTime: 5 * 60_000,
    }),
};
