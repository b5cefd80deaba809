import type { UserStatus } from '@hybrid-hub/contract';
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';
import { userKeys } from '../../../lib/query-keys.ts';
import { userStatusCountsQuery } from '../../../lib/shared-queries.ts';

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

export const HISTORY_PAGE_SIZE = 20;
export const JOB_FAILURES_PAGE_SIZE = 10;

/**
 * The users feature's one query-key factory, on the key family events name (lib/query-keys.ts).
 * Keys go from general to specific, so one invalidation names exactly what changed:
 * `details()`-level keys also cover a user's history and diagnostics (they hang under the
 * user's key), `lists()` does not touch them.
 */
export const userQueries = {
  all: userKeys.all,
  lists: userKeys.lists,
  list: (filters: UserListFilters) =>
    queryOptions({
      queryKey: [...userQueries.lists(), filters] as const,
      queryFn: ({ signal }) => apiClient.request('listUsers', { query: filters, signal }),
      // Keep showing the previous page while the next loads, so the grid does not flash empty.
      placeholderData: keepPreviousData,
    }),
  /** The Overview's tiles read the same (lib/shared-queries.ts). */
  statusCounts: () => userStatusCountsQuery,
  details: userKeys.details,
  detail: (id: string) =>
    queryOptions({
      queryKey: userKeys.detail(id),
      queryFn: ({ signal }) => apiClient.request('getUser', { params: { id }, signal }),
    }),
  history: (id: string) =>
    infiniteQueryOptions({
      queryKey: [...userQueries.detail(id).queryKey, 'history'] as const,
      queryFn: ({ signal, pageParam }) =>
        apiClient.request('getUserHistory', {
          params: { id },
          query: { page: pageParam, pageSize: HISTORY_PAGE_SIZE },
          signal,
        }),
      initialPageParam: 1,
      getNextPageParam: (last) =>
        last.page * last.pageSize < last.total ? last.page + 1 : undefined,
      // History grows while the dialog is open (a Pending user settles): read it fresh.
      staleTime: 0,
    }),
  diagnostics: (id: string) =>
    queryOptions({
      queryKey: [...userQueries.detail(id).queryKey, 'diagnostics'] as const,
      queryFn: ({ signal }) => apiClient.request('getUserDiagnostics', { params: { id }, signal }),
      // Each opening runs the checks again: they describe the deployment as it is now.
      staleTime: 0,
      gcTime: 0,
    }),
  jobs: () => [...userQueries.all(), 'job'] as const,
  job: (id: string) =>
    queryOptions({
      queryKey: [...userQueries.jobs(), id] as const,
      queryFn: ({ signal }) => apiClient.request('getJob', { params: { id }, signal }),
      staleTime: 0,
    }),
  jobFailures: (id: string, page: number) =>
    queryOptions({
      queryKey: [...userQueries.job(id).queryKey, 'failures', page] as const,
      queryFn: ({ signal }) =>
        apiClient.request('getJobFailures', {
          params: { id },
          query: { page, pageSize: JOB_FAILURES_PAGE_SIZE },
          signal,
        }),
      placeholderData: keepPreviousData,
    }),
};
