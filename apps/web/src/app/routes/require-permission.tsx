import type { RouteName } from '@hybrid-hub/contract';
import { lazy } from 'react';
import { Navigate, Outlet } from 'react-router';
import { usePermission } from '../../lib/session.ts';

// Drawn with MUI inside the screen's theme (the shell's Outlet), loaded when a role meets it.
const PermissionDenied = lazy(async () => ({
  default: (await import('./permission-denied.tsx')).PermissionDenied,
}));

/**
 * A screen only some roles may see (what it reads is refused to the others): the others get
 * `redirectTo`, or a page saying why, instead of a screen of errors.
 */
export function RequirePermission({
  route,
  title,
  redirectTo,
}: {
  /** The API route the screen cannot work without. */
  route: RouteName;
  title: string;
  redirectTo?: string;
}) {
  const { allowed, reason } = usePermission(route);
  if (allowed) return <Outlet />;
  if (redirectTo) return <Navigate to={redirectTo} replace />;
  return <PermissionDenied title={title} reason={reason} />;
}
