import { queryOptions } from '@tanstack/react-query';
import { apiClient } from './api-client.ts';
import { labKeys } from './query-keys.ts';

/**
 * Whether the Lab (simulation controls) is enabled. Shared, not a feature's: the navigation,
 * the user page ("Open in Lab") and the Lab itself all ask, and features do not import each
 * other. It does not change while the server runs, so it is read once.
 */
export const labStatusQuery = queryOptions({
  queryKey: [...labKeys.all(), 'status'] as const,
  queryFn: ({ signal }) => apiClient.request('getLabStatus', { signal }),
  staleTime: Infinity,
});
