import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';
import { labStatusQuery } from '../../../lib/lab-status.ts';
import { labKeys } from '../../../lib/query-keys.ts';

export const LAB_SEARCH_PAGE_SIZE = 10;

/**
 * The Lab's one query-key factory. `status` is shared with the shell and the user page (it
 * lives in lib/); the rest is the Lab's own view of a user: what the directories say, and the
 * cloud user's status beside it (read here, so the Lab does not reach into the users feature).
 */
export const labQueries = {
  all: labKeys.all,
  status: () => labStatusQuery,
  userSearch: (q: string) =>
    queryOptions({
      queryKey: [...labQueries.all(), 'user-search', q] as const,
      queryFn: ({ signal }) =>
        apiClient.request('listUsers', {
          query: { q: q || undefined, pageSize: LAB_SEARCH_PAGE_SIZE },
          signal,
        }),
      placeholderData: keepPreviousData,
    }),
  users: () => [...labQueries.all(), 'user'] as const,
  user: (id: string) =>
    queryOptions({
      queryKey: [...labQueries.users(), id] as const,
      queryFn: ({ signal }) => apiClient.request('getLabUser', { params: { id }, signal }),
      staleTime: 0,
    }),
  /** Every part of the deployment the Lab can fail, and the simulation clock. */
  deployment: () =>
    queryOptions({
      queryKey: labKeys.deployment(),
      queryFn: ({ signal }) => apiClient.request('getLabDeployment', { signal }),
      staleTime: 0,
    }),
  cloudUser: (id: string) =>
    queryOptions({
      queryKey: [...labQueries.user(id).queryKey, 'cloud'] as const,
      queryFn: ({ signal }) => apiClient.request('getUser', { params: { id }, signal }),
      staleTime: 0,
    }),
};
