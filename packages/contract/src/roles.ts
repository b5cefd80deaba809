import type { AdminRole } from './admin-role.ts';
import { CSRF_HEADER } from './headers.ts';

export { ADMIN_ROLES, AdminRole } from './admin-role.ts';

/**
 * The console's administrator roles (SPEC "Who uses it, for what"). The BFF enforces them on
 * every route from the route table's `access`; the SPA reads the same table to show each role
 * only what it can do, and to say why the rest is unavailable. Free of zod, like
 * route-table.ts (the schema of a role is admin-role.ts).
 */
export const ADMIN_ROLE_LABELS: Readonly<Record<AdminRole, string>> = {
  'full-admin': 'Full administrator',
  'read-only-admin': 'Read-only administrator',
  'support-admin': 'Support administrator',
};

/** What each role may do, in the words the console uses to explain a refusal. */
export const ADMIN_ROLE_SCOPES: Readonly<Record<AdminRole, string>> = {
  'full-admin': 'can do everything',
  'read-only-admin': 'can read everything and change nothing',
  'support-admin': "can read users, their history and Diagnostics, and can't change anything",
};

/**
 * Who may call a route: anyone, signed in or not (`'public'`), or the roles listed. Required on
 * every route of the table, so a route added without a rule does not compile.
 */
export type RouteAccess = 'public' | readonly AdminRole[];

/** Every signed-in administrator: the users, their history and Diagnostics, the session. */
export const EVERY_ADMIN = ['full-admin', 'read-only-admin', 'support-admin'] as const;
/** Reading everything else: the deployment, alarms, bulk jobs, exports. */
export const READERS = ['full-admin', 'read-only-admin'] as const;
/** Changing anything, and the Lab. */
export const FULL_ADMIN = ['full-admin'] as const;

/** Whether `role` (undefined: not signed in) may call a route with this access. */
export function mayCall(access: RouteAccess, role: AdminRole | undefined): boolean {
  return access === 'public' || (role !== undefined && access.includes(role));
}

/** Why a role may not call a route: the sentence the BFF's 403 and the SPA's hints both use. */
export function refusalReason(role: AdminRole): string {
  return `A ${ADMIN_ROLE_LABELS[role]} ${ADMIN_ROLE_SCOPES[role]}.`;
}

/** Why a request without a session is refused (401), the BFF's and the mock's words. */
export const SIGN_IN_FIRST = 'Sign in first.';

/** Why a session's change without its CSRF token is refused (403 `csrf_failed`). */
export const CSRF_REFUSAL = `Send the session's token (from GET /api/v1/session) in ${CSRF_HEADER}.`;
