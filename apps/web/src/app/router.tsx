import type { QueryClient } from '@tanstack/react-query';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../components/loading-state.tsx';
import { AppShell } from './layout/app-shell.tsx';
import { NotFoundRoute } from './routes/not-found-route.tsx';
import { RouteErrorBoundary } from './routes/route-error-boundary.tsx';

/**
 * The route table. Screens are lazy chunks (the Users grid alone is ~190 kB gzipped), so the
 * first load carries only the shell. Each screen's loader starts its queries in `queryClient`
 * without awaiting them: the screen shows its own loading state instead of a frozen page.
 */
export function createAppRoutes(queryClient: QueryClient): RouteObject[] {
  return [
    {
      path: '/',
      element: <AppShell />,
      errorElement: <RouteErrorBoundary />,
      // Shown while the first screen's chunk loads.
      hydrateFallbackElement: <LoadingState label="Loading Hybrid Hub…" />,
      children: [
        {
          errorElement: <RouteErrorBoundary />,
          children: [
            {
              index: true,
              lazy: async () => {
                const m = await import('../features/overview/routes/overview-route.tsx');
                return { Component: m.OverviewRoute, loader: m.overviewLoader(queryClient) };
              },
            },
            {
              path: 'users',
              lazy: async () => {
                const m = await import('../features/users/routes/users-route.tsx');
                return { Component: m.UsersRoute, loader: m.usersLoader(queryClient) };
              },
            },
            {
              path: 'users/:id',
              lazy: async () => {
                const m = await import('../features/users/routes/user-route.tsx');
                return { Component: m.UserRoute, loader: m.userLoader(queryClient) };
              },
            },
            {
              path: 'clusters',
              lazy: async () => {
                const m = await import('../features/clusters/routes/clusters-route.tsx');
                return { Component: m.ClustersRoute, loader: m.clustersLoader(queryClient) };
              },
            },
            {
              path: 'clusters/:id',
              lazy: async () => {
                const m = await import('../features/clusters/routes/cluster-route.tsx');
                return { Component: m.ClusterRoute, loader: m.clusterLoader(queryClient) };
              },
            },
            {
              path: 'alarms',
              lazy: async () => {
                const m = await import('../features/alarms/routes/alarms-route.tsx');
                return { Component: m.AlarmsRoute, loader: m.alarmsLoader(queryClient) };
              },
            },
            {
              path: 'lab',
              lazy: async () => {
                const m = await import('../features/lab/routes/lab-route.tsx');
                return { Component: m.LabRoute, loader: m.labLoader(queryClient) };
              },
            },
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
      ],
    },
  ];
}
