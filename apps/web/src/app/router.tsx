import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../components/loading-state.tsx';
import { NotificationsProvider } from '../components/notifications.tsx';
import { retryChunk } from '../lib/load-chunk.ts';
import { sessionQuery } from '../lib/session.ts';
import { AppShell } from './layout/app-shell.tsx';
import { RequirePermission } from './routes/require-permission.tsx';
import { RequireSession } from './routes/require-session.tsx';
import { RouteErrorBoundary } from './routes/route-error-boundary.tsx';
import { WithScreenTheme } from './with-screen-theme.tsx';

/**
 * The route table. Screens are lazy chunks, so the first load carries only the shell. Each
 * screen's loader starts its queries in `queryClient` without awaiting them: the screen shows its
 * own loading state instead of a frozen page. Where the loader is a small module of its own
 * (`screen()`), it loads beside the screen's chunk and its requests leave while the screen's
 * code still downloads; the others come with their screen. Code that does not download (the
 * connection dropped) is asked for once more, then explained in words (lib/load-chunk.ts).
 * Everything but the sign-in page needs a session; screens that read what a role may not read
 * (the deployment, alarms, the audit log, the Lab) say so instead of failing (the BFF refuses them anyway).
 */
/**
 * A screen's loader prefetches its data only once a session is known: without one the guard
 * sends the visitor to sign in, and every prefetch would only be refused (401).
 */
function withSession<A extends unknown[]>(
  queryClient: QueryClient,
  loader: (...args: A) => unknown,
): (...args: A) => Promise<unknown> {
  return async (...args) => {
    try {
      await queryClient.ensureQueryData(sessionQuery);
    } catch {
      return null;
    }
    return loader(...args);
  };
}

/**
 * A screen whose loader is a module of its own: React Router loads both at once and runs the
 * loader as soon as it is there, so its requests leave while the screen's chunk still loads.
 */
function screen<A extends unknown[]>(
  queryClient: QueryClient,
  loadLoader: () => Promise<(queryClient: QueryClient) => (...args: A) => unknown>,
  loadComponent: () => Promise<ComponentType>,
) {
  return {
    loader: async () => withSession(queryClient, (await retryChunk(loadLoader)())(queryClient)),
    Component: retryChunk(loadComponent),
  };
}

export function createAppRoutes(queryClient: QueryClient): RouteObject[] {
  const routes: RouteObject[] = [
    {
      path: '/sign-in',
      errorElement: <RouteErrorBoundary />,
      lazy: retryChunk(async () => {
        const m = await import('../features/session/routes/sign-in-route.tsx');
        // Where to go after signing in must be a page of this very table.
        return {
          element: (
            <WithScreenTheme>
              <m.SignInRoute routes={routes} />
            </WithScreenTheme>
          ),
        };
      }),
    },
    {
      path: '/',
      // Snackbars inside the router: an error's reference links to the audit log.
      element: (
        <NotificationsProvider>
          <RequireSession>
            <AppShell />
          </RequireSession>
        </NotificationsProvider>
      ),
      errorElement: <RouteErrorBoundary />,
      // Shown while the first screen's chunk loads.
      hydrateFallbackElement: <LoadingState label="Loading Hybrid Hub…" />,
      children: [
        {
          errorElement: <RouteErrorBoundary />,
          children: [
            {
              // The Overview is mostly the deployment: a Support administrator starts at Users.
              element: (
                <RequirePermission route="listClusters" title="Overview" redirectTo="/users" />
              ),
              children: [
                {
                  index: true,
                  lazy: screen(
                    queryClient,
                    async () =>
                      (await import('../features/overview/api/overview-loader.ts')).overviewLoader,
                    async () =>
                      (await import('../features/overview/routes/overview-route.tsx'))
                        .OverviewRoute,
                  ),
                },
              ],
            },
            {
              path: 'users',
              lazy: screen(
                queryClient,
                async () => (await import('../features/users/api/users-loader.ts')).usersLoader,
                async () => (await import('../features/users/routes/users-route.tsx')).UsersRoute,
              ),
            },
            {
              path: 'users/:id',
              lazy: screen(
                queryClient,
                async () => (await import('../features/users/api/user-loader.ts')).userLoader,
                async () => (await import('../features/users/routes/user-route.tsx')).UserRoute,
              ),
            },
            {
              element: <RequirePermission route="listClusters" title="Clusters" />,
              children: [
                {
                  path: 'clusters',
                  lazy: screen(
                    queryClient,
                    async () =>
                      (await import('../features/clusters/api/clusters-loader.ts')).clustersLoader,
                    async () =>
                      (await import('../features/clusters/routes/clusters-route.tsx'))
                        .ClustersRoute,
                  ),
                },
                {
                  path: 'clusters/:id',
                  lazy: screen(
                    queryClient,
                    async () =>
                      (await import('../features/clusters/api/cluster-loader.ts')).clusterLoader,
                    async () =>
                      (await import('../features/clusters/routes/cluster-route.tsx')).ClusterRoute,
                  ),
                },
              ],
            },
            {
              element: <RequirePermission route="listAlarms" title="Alarms" />,
              children: [
                {
                  path: 'alarms',
                  lazy: retryChunk(async () => {
                    const m = await import('../features/alarms/routes/alarms-route.tsx');
                    return {
                      Component: m.AlarmsRoute,
                      loader: withSession(queryClient, m.alarmsLoader(queryClient)),
                    };
                  }),
                },
              ],
            },
            {
              element: <RequirePermission route="listAuditEntries" title="Audit log" />,
              children: [
                {
                  path: 'audit',
                  lazy: retryChunk(async () => {
                    const m = await import('../features/audit/routes/audit-route.tsx');
                    return {
                      Component: m.AuditRoute,
                      loader: withSession(queryClient, m.auditLoader(queryClient)),
                    };
                  }),
                },
              ],
            },
            {
              element: <RequirePermission route="getLabDeployment" title="Lab" />,
              children: [
                {
                  path: 'lab',
                  lazy: retryChunk(async () => {
                    const m = await import('../features/lab/routes/lab-route.tsx');
                    return {
                      Component: m.LabRoute,
                      loader: withSession(queryClient, m.labLoader(queryClient)),
                    };
                  }),
                },
              ],
            },
            {
              path: '*',
              lazy: retryChunk(async () => ({
                Component: (await import('./routes/not-found-route.tsx')).NotFoundRoute,
              })),
            },
          ],
        },
      ],
    },
  ];
  return routes;
}
