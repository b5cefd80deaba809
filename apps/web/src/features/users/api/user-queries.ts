import type { UserStatus } from '@hybrid-hub/contract';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';

/** What the Users table asks for; mirrors `GET /api/v1/users` query parameters. */
export interface UserListFilters {
  q?: string;
  status?: UserStatus;
  sort: string;
  page: number;
  pageSize: number;
  /** Keyset cursor from the adjacent page's response; `page` is then only echoed. */
  cursor?: string;
}

export const userQueries = {
  all: () => ['users'] as const,
  lists: () => [...userQueries.all(), 'list'] as const,
  list: (filters: UserListFilters) =>
    queryOptions({
      queryKey: [...userQueries.lists(), filters] as const,
      queryFn: ({ signal }) => apiClient.request('listUsers', { query: filters, signal }),
      // Keep showing the previous page while the next loads, so the grid does not flash empty.
      placeholderData: keepPreviousData,
    }),
  details: () => [...userQueries.all(), 'detail'] as const,
  detail: (id: string) =>
    queryOptions({
      queryKey: [...userQueries.details(), id] as const,
      queryFn: ({ signal }) => apiClient.request('getUser', { params: { id }, signal }),
    }),
};
