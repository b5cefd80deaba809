import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { lazy, useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LoadingState } from '../../components/loading-state.tsx';
import { isSignedOut, sessionQuery } from '../../lib/session.ts';
import { WithScreenTheme } from '../with-screen-theme.tsx';

// Rare (the server cannot say who is signed in): drawn with MUI, loaded when it happens.
const SessionError = lazy(async () => ({
  default: (await import('./session-error.tsx')).SessionError,
}));

/**
 * Any request answered 401 means the session has ended (signed out in another tab, idle, too
 * old): the session is read again, and its 401 sends the admin to the sign-in page.
 */
function watchForSignOut(queryClient: QueryClient): () => void {
  const recheck = (error: unknown) => {
    // One read of the session however many requests failed at once.
    if (isSignedOut(error)) {
      void queryClient.invalidateQueries(
        { queryKey: sessionQuery.queryKey },
        { cancelRefetch: false },
      );
    }
  };
  const stopQueries = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'error') return;
    if (event.query.queryKey[0] === sessionQuery.queryKey[0]) return;
    recheck(event.action.error);
  });
  const stopMutations = queryClient.getMutationCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error') recheck(event.action.error);
  });
  return () => {
    stopQueries();
    stopMutations();
  };
}

/**
 * The signed-in part of the console: renders its children only with a session, and sends
 * anyone without one to the sign-in page, to come back here afterwards.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery(sessionQuery);
  const location = useLocation();
  useEffect(() => watchForSignOut(queryClient), [queryClient]);

  if (session.isError && isSignedOut(session.error)) {
    const next = `${location.pathname}${location.search}`;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${search}`} replace />;
  }
  if (session.isError) {
    return (
      <WithScreenTheme>
        <SessionError error={session.error} onRetry={() => void session.refetch()} />
      </WithScreenTheme>
    );
  }
  if (session.isPending) return <LoadingState label="Loading Hybrid Hub…" />;
  return children;
}
