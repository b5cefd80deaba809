import {
  mayCall,
  refusalReason,
  routeTable,
  type RouteBase,
  type RouteName,
  type Session,
} from '@hybrid-hub/contract';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiClient, isApiError, rememberCsrfToken } from './api-client.ts';

/**
 * Who is signed in: `GET /api/v1/session`. Shared, not a feature's: the shell guards every
 * screen with it and every feature asks it what the role may do. Its CSRF token goes to the
 * API client, which echoes it on every state-changing request.
 */
export const sessionQuery = queryOptions({
  queryKey: ['session'] as const,
  queryFn: async ({ signal }) => {
    const session = await apiClient.request('getSession', { signal });
    rememberCsrfToken(session.csrfToken);
    return session;
  },
  staleTime: Infinity,
  // Not signed in (401) is an answer, not a failure to retry, nor to ask again on every mount
  // of a component that reads it (the sign-in page, the guard).
  retry: false,
  retryOnMount: false,
});

/** Whether an error means the session is gone (never opened, signed out, expired). */
export function isSignedOut(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

/**
 * A new session (signed in) or none (signed out): nothing read under the previous one may show
 * under the next — another organization's users must not flash from the cache.
 */
export function startSession(queryClient: QueryClient, session: Session | undefined): void {
  rememberCsrfToken(session?.csrfToken);
  if (session) {
    queryClient.clear();
    queryClient.setQueryData(sessionQuery.queryKey, session);
    return;
  }
  // Signed out: the screens still on show keep the session they were drawn with until the
  // guard, reading it again (401), takes them away.
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] !== sessionQuery.queryKey[0],
  });
  void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey }, { cancelRefetch: false });
}

/** The signed-in session. Only under the shell's guard, which renders nothing without one. */
export function useSession(): Session {
  const { data } = useQuery(sessionQuery);
  if (!data) throw new Error('useSession outside the signed-in shell');
  return data;
}

export interface Permission {
  allowed: boolean;
  /** Why not, in the words the BFF's 403 uses; undefined when allowed. */
  reason: string | undefined;
}

/**
 * Whether the signed-in role may call a route, from the contract's own rule for it: the SPA
 * shows each role only what it can do, and the BFF refuses the rest anyway.
 */
export function usePermission(name: RouteName): Permission {
  const { admin } = useSession();
  const route: RouteBase = routeTable[name];
  const allowed = mayCall(route.access, admin.role);
  return { allowed, reason: allowed ? undefined : refusalReason(admin.role) };
}

/**
 * Whether the signed-in role may call a route, also where nobody may be signed in (the sign-in
 * page, the guard's own error): there the answer is no. Reads the session known, never asks.
 */
export function useMayCall(name: RouteName): boolean {
  const { data } = useQuery({ ...sessionQuery, enabled: false });
  const route: RouteBase = routeTable[name];
  return data !== undefined && mayCall(route.access, data.admin.role);
}

/** `can(route)` for the signed-in role: for lists of things, each needing its own route. */
export function useCan(): (name: RouteName) => boolean {
  const { admin } = useSession();
  return (name) => {
    const route: RouteBase = routeTable[name];
    return mayCall(route.access, admin.role);
  };
}
