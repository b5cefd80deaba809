import { EVERY_ADMIN, FULL_ADMIN, READERS, type RouteAccess } from './roles.ts';

/**
 * The API's route table without its schemas: each route's method, path, who may call it and how
 * it answers. routes.ts adds the schemas of what goes in and out to every entry. Kept apart, and
 * free of zod, so that the SPA's first load can build its requests and show each role only what
 * it may do without downloading every schema of the API.
 */
export interface RouteBase {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Express-style path, `:id` for parameters. */
  path: string;
  /**
   * Who may call it (see roles.ts). The BFF refuses everyone else before any handler runs: 401
   * without a session, 403 for a role not listed. Required: no route exists without a rule.
   */
  access: RouteAccess;
  /** Non-JSON answers: a CSV download or a server-sent event stream. */
  produces?: 'text/csv' | 'text/event-stream';
  /** Answers only when the Lab (simulation controls) is enabled; 404 otherwise. */
  lab?: true;
  /**
   * The request must carry `If-Match: "<revision>"` of the target (428 without it, 412 when the
   * target has changed since): a guard against lost updates between admins.
   */
  ifMatch?: true;
  /**
   * The request may carry an `Idempotency-Key` (jobs.ts): repeated with the same key and body it
   * answers what the first one did instead of doing it again.
   */
  idempotencyKey?: true;
}

export const API_PREFIX = '/api/v1';

export const routeTable = {
  health: {
    method: 'GET',
    path: '/api/health',
    access: 'public',
  },
  getOpenApi: {
    method: 'GET',
    path: `${API_PREFIX}/openapi.json`,
    access: 'public',
  },
  signIn: {
    method: 'POST',
    path: `${API_PREFIX}/session`,
    access: 'public',
  },
  getSession: {
    method: 'GET',
    path: `${API_PREFIX}/session`,
    access: EVERY_ADMIN,
  },
  /** Signing out answers 204 whether or not a session was still open: the cookie is cleared. */
  signOut: {
    method: 'DELETE',
    path: `${API_PREFIX}/session`,
    access: 'public',
  },
  getOrganization: {
    method: 'GET',
    path: `${API_PREFIX}/organization`,
    access: EVERY_ADMIN,
  },
  listUsers: {
    method: 'GET',
    path: `${API_PREFIX}/users`,
    access: EVERY_ADMIN,
  },
  // Fixed paths under /users come before /users/:id, which would otherwise match them.
  getUserStatusCounts: {
    method: 'GET',
    path: `${API_PREFIX}/users/status-counts`,
    access: EVERY_ADMIN,
  },
  getUserActivity: {
    method: 'GET',
    path: `${API_PREFIX}/users/activity`,
    access: EVERY_ADMIN,
  },
  exportUsersCsv: {
    method: 'GET',
    path: `${API_PREFIX}/users/export.csv`,
    access: READERS,
    produces: 'text/csv',
  },
  startBulkJob: {
    method: 'POST',
    path: `${API_PREFIX}/users/bulk`,
    access: FULL_ADMIN,
    idempotencyKey: true,
  },
  getUser: {
    method: 'GET',
    path: `${API_PREFIX}/users/:id`,
    access: EVERY_ADMIN,
  },
  setMessageService: {
    method: 'PUT',
    path: `${API_PREFIX}/users/:id/message-service`,
    access: FULL_ADMIN,
  },
  reactivateUser: {
    method: 'POST',
    path: `${API_PREFIX}/users/:id/reactivate`,
    access: FULL_ADMIN,
  },
  getUserHistory: {
    method: 'GET',
    path: `${API_PREFIX}/users/:id/history`,
    access: EVERY_ADMIN,
  },
  getUserDiagnostics: {
    method: 'GET',
    path: `${API_PREFIX}/users/:id/diagnostics`,
    access: EVERY_ADMIN,
  },
  getJob: {
    method: 'GET',
    path: `${API_PREFIX}/jobs/:id`,
    access: READERS,
  },
  getJobFailures: {
    method: 'GET',
    path: `${API_PREFIX}/jobs/:id/failures`,
    access: READERS,
  },
  events: {
    method: 'GET',
    path: `${API_PREFIX}/events`,
    access: EVERY_ADMIN,
    produces: 'text/event-stream',
  },
  getLabStatus: {
    method: 'GET',
    path: `${API_PREFIX}/lab`,
    access: EVERY_ADMIN,
  },
  getLabUser: {
    method: 'GET',
    path: `${API_PREFIX}/lab/users/:id`,
    access: FULL_ADMIN,
    lab: true,
  },
  updateLabUser: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/users/:id`,
    access: FULL_ADMIN,
    lab: true,
  },
  listClusters: {
    method: 'GET',
    path: `${API_PREFIX}/clusters`,
    access: READERS,
  },
  getCluster: {
    method: 'GET',
    path: `${API_PREFIX}/clusters/:id`,
    access: READERS,
  },
  restartMessageConnector: {
    method: 'POST',
    path: `${API_PREFIX}/clusters/:id/message-connector/restart`,
    access: FULL_ADMIN,
  },
  getMaintenancePreview: {
    method: 'GET',
    path: `${API_PREFIX}/nodes/:id/maintenance/preview`,
    access: READERS,
  },
  setMaintenance: {
    method: 'POST',
    path: `${API_PREFIX}/nodes/:id/maintenance`,
    access: FULL_ADMIN,
    ifMatch: true,
  },
  listAlarms: {
    method: 'GET',
    path: `${API_PREFIX}/alarms`,
    access: READERS,
  },
  listAuditEntries: {
    method: 'GET',
    path: `${API_PREFIX}/audit`,
    access: READERS,
  },
  exportAuditCsv: {
    method: 'GET',
    path: `${API_PREFIX}/audit/export.csv`,
    access: READERS,
    produces: 'text/csv',
  },
  getLabDeployment: {
    method: 'GET',
    path: `${API_PREFIX}/lab/deployment`,
    access: FULL_ADMIN,
    lab: true,
  },
  updateLabNode: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/nodes/:id`,
    access: FULL_ADMIN,
    lab: true,
  },
  updateLabImpNode: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/imp-nodes/:id`,
    access: FULL_ADMIN,
    lab: true,
  },
  fallBackLabImpNode: {
    method: 'POST',
    path: `${API_PREFIX}/lab/imp-nodes/:id/fallback`,
    access: FULL_ADMIN,
    lab: true,
  },
  removeLabImpNode: {
    method: 'DELETE',
    path: `${API_PREFIX}/lab/imp-nodes/:id`,
    access: FULL_ADMIN,
    lab: true,
  },
  addLabImpNode: {
    method: 'POST',
    path: `${API_PREFIX}/lab/imp-clusters/:id/nodes`,
    access: FULL_ADMIN,
    lab: true,
  },
  updateLabPresenceGroup: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/presence-groups/:id`,
    access: FULL_ADMIN,
    lab: true,
  },
  advanceLabClock: {
    method: 'POST',
    path: `${API_PREFIX}/lab/clock`,
    access: FULL_ADMIN,
    lab: true,
  },
} as const satisfies Record<string, RouteBase>;

export type RouteName = keyof typeof routeTable;

/** Fills `:param` placeholders, encoding each value. */
export function pathFor(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}
