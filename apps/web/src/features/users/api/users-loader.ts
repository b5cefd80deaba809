import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { filtersFromSearchParams } from './user-list-params.ts';
import { userQueries } from './user-queries.ts';

/** The Users screen's queries, started while its chunk loads (src/app/router.tsx). */
export function usersLoader(queryClient: QueryClient) {
  return ({ request }: LoaderFunctionArgs) => {
    void queryClient.prefetchQuery(
      userQueries.list(filtersFromSearchParams(new URL(request.url).searchParams)),
    );
    void queryClient.prefetchQuery(userQueries.statusCounts());
    return null;
  };
}
