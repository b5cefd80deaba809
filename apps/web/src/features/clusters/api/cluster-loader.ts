import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { clusterQueries } from './cluster-queries.ts';

/** A cluster page's queries, started while its chunk loads (src/app/router.tsx). */
export function clusterLoader(queryClient: QueryClient) {
  return ({ params }: LoaderFunctionArgs) => {
    if (params.id) {
      void queryClient.prefetchQuery(clusterQueries.detail(params.id));
      void queryClient.prefetchQuery(clusterQueries.alarms(params.id));
    }
    return null;
  };
}
