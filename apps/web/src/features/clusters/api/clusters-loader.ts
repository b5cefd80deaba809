import type { QueryClient } from '@tanstack/react-query';
import { clusterQueries } from './cluster-queries.ts';

/** The Clusters screen's query, started while its chunk loads (src/app/router.tsx). */
export function clustersLoader(queryClient: QueryClient) {
  return () => {
    void queryClient.prefetchQuery(clusterQueries.list());
    return null;
  };
}
