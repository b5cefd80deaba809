import type { QueryClient } from '@tanstack/react-query';
import { overviewQueries } from './overview-queries.ts';

/** The Overview's queries, started while its chunk loads (src/app/router.tsx). */
export function overviewLoader(queryClient: QueryClient) {
  return () => {
    void queryClient.prefetchQuery(overviewQueries.userStatusCounts());
    void queryClient.prefetchQuery(overviewQueries.clusters());
    void queryClient.prefetchQuery(overviewQueries.activity());
    void queryClient.prefetchQuery(overviewQueries.openAlarms());
    return null;
  };
}
