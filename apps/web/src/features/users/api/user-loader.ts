import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { userQueries } from './user-queries.ts';

/** A user's page's query, started while its chunk loads (src/app/router.tsx). */
export function userLoader(queryClient: QueryClient) {
  return ({ params }: LoaderFunctionArgs) => {
    if (params.id) void queryClient.prefetchQuery(userQueries.detail(params.id));
    return null;
  };
}
