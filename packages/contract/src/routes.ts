import { z } from 'zod';
import { AlarmListQuery, AlarmListResponse } from './alarms.ts';
import { AuditExportQuery, AuditListQuery, AuditListResponse } from './audit.ts';
import {
  ClusterDetail,
  ClusterIdParams,
  ClusterListResponse,
  ConnectorNode,
  ConnectorRestartResult,
} from './clusters.ts';
import { Health, Organization } from './organization.ts';
import { HubEvent } from './events.ts';
import { BulkRequest, Job, JobFailuresQuery, JobFailuresResponse, JobIdParams } from './jobs.ts';
import {
  LabClockAdvance,
  LabDeployment,
  LabImpNodeCreate,
  LabImpNodeUpdate,
  LabNodeUpdate,
  LabPresenceGroupUpdate,
  LabStatus,
  LabUser,
  LabUserUpdate,
} from './lab.ts';
import { MaintenancePreview, MaintenanceRequest, NodeIdParams } from './maintenance.ts';
import {
  DiagnosticsResponse,
  HistoryQuery,
  HistoryResponse,
  MessageServiceBody,
  UserActivityTotals,
  UserExportQuery,
  UserStatusCounts,
} from './user-actions.ts';
import { UserDetail, UserIdParams, UserListQuery, UserListResponse } from './users.ts';
import { EVERY_ADMIN, FULL_ADMIN, READERS, type RouteAccess } from './roles.ts';
import { Session, SignInRequest } from './session.ts';

/**
 * The API's route table: one entry per route, with the schemas of what goes in and out.
 * The BFF mounts its handlers from it (and validates with these schemas), the SPA's client
 * builds URLs from it, the msw handlers answer it, and the authorization matrix test walks it —
 * so a route added here is a route every consumer knows about.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Express-style path, `:id` for parameters. */
  path: string;
  /**
   * Who may call it (see roles.ts). The BFF refuses everyone else before any handler runs: 401
   * without a session, 403 for a role not listed. Required: no route exists without a rule.
   */
  access: RouteAccess;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The JSON answer, or for a non-JSON route the schema of what one unit of it carries. */
  response: z.ZodType;
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

export const routes = {
  health: { method: 'GET', path: '/api/health', response: Health, access: 'public' },
  getOpenApi: {
    method: 'GET',
    path: `${API_PREFIX}/openapi.json`,
    access: 'public',
    response: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
  },
  signIn: {
    method: 'POST',
    path: `${API_PREFIX}/session`,
    access: 'public',
    body: SignInRequest,
    response: Session,
  },
  getSession: {
    method: 'GET',
    path: `${API_PREFIX}/session`,
    access: EVERY_ADMIN,
    response: Session,
  },
  /** Signing out answers 204 whether or not a session was still open: the cookie is cleared. */
  signOut: {
    method: 'DELETE',
    path: `${API_PREFIX}/session`,
    access: 'public',
    response: z.void(),
  },
  getOrganization: {
    method: 'GET',
    path: `${API_PREFIX}/organization`,
    response: Organization,
    access: EVERY_ADMIN,
  },
  listUsers: {
    method: 'GET',
    path: `${API_PREFIX}/users`,
    access: EVERY_ADMIN,
    query: UserListQuery,
    response: UserListResponse,
  },
  // Fixed paths under /users come before /users/:id, which would otherwise match them.
  getUserStatusCounts: {
    method: 'GET',
    path: `${API_PREFIX}/users/status-counts`,
    access: EVERY_ADMIN,
    response: UserStatusCounts,
  },
  getUserActivity: {
    method: 'GET',
    path: `${API_PREFIX}/users/activity`,
    access: EVERY_ADMIN,
    response: UserActivityTotals,
  },
  exportUsersCsv: {
    method: 'GET',
    path: `${API_PREFIX}/users/export.csv`,
    access: READERS,
    query: UserExportQuery,
    response: z.string(),
    produces: 'text/csv',
  },
  startBulkJob: {
    method: 'POST',
    path: `${API_PREFIX}/users/bulk`,
    access: FULL_ADMIN,
    body: BulkRequest,
    response: Job,
    idempotencyKey: true,
  },
  getUser: {
    method: 'GET',
    path: `${API_PREFIX}/users/:id`,
    access: EVERY_ADMIN,
    params: UserIdParams,
    response: UserDetail,
  },
  setMessageService: {
    method: 'PUT',
    path: `${API_PREFIX}/users/:id/message-service`,
    access: FULL_ADMIN,
    params: UserIdParams,
    body: MessageServiceBody,
    response: UserDetail,
  },
  reactivateUser: {
    method: 'POST',
    path: `${API_PREFIX}/users/:id/reactivate`,
    access: FULL_ADMIN,
    params: UserIdParams,
    response: UserDetail,
  },
  getUserHistory: {
    method: 'GET',
    path: `${API_PREFIX}/users/:id/history`,
    access: EVERY_ADMIN,
    params: UserIdParams,
    query: HistoryQuery,
    response: HistoryResponse,
  },
  getUserDiagnostics: {
    method: 'GET',
    path: `${API_PREFIX}/users/:id/diagnostics`,
    access: EVERY_ADMIN,
    params: UserIdParams,
    response: DiagnosticsResponse,
  },
  getJob: {
    method: 'GET',
    path: `${API_PREFIX}/jobs/:id`,
    access: READERS,
    params: JobIdParams,
    response: Job,
  },
  getJobFailures: {
    method: 'GET',
    path: `${API_PREFIX}/jobs/:id/failures`,
    access: READERS,
    params: JobIdParams,
    query: JobFailuresQuery,
    response: JobFailuresResponse,
  },
  events: {
    method: 'GET',
    path: `${API_PREFIX}/events`,
    access: EVERY_ADMIN,
    response: HubEvent,
    produces: 'text/event-stream',
  },
  getLabStatus: {
    method: 'GET',
    path: `${API_PREFIX}/lab`,
    response: LabStatus,
    access: EVERY_ADMIN,
  },
  getLabUser: {
    method: 'GET',
    path: `${API_PREFIX}/lab/users/:id`,
    access: FULL_ADMIN,
    params: UserIdParams,
    response: LabUser,
    lab: true,
  },
  updateLabUser: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/users/:id`,
    access: FULL_ADMIN,
    params: UserIdParams,
    body: LabUserUpdate,
    response: LabUser,
    lab: true,
  },
  listClusters: {
    method: 'GET',
    path: `${API_PREFIX}/clusters`,
    access: READERS,
    response: ClusterListResponse,
  },
  getCluster: {
    method: 'GET',
    path: `${API_PREFIX}/clusters/:id`,
    access: READERS,
    params: ClusterIdParams,
    response: ClusterDetail,
  },
  restartMessageConnector: {
    method: 'POST',
    path: `${API_PREFIX}/clusters/:id/message-connector/restart`,
    access: FULL_ADMIN,
    params: ClusterIdParams,
    response: ConnectorRestartResult,
  },
  getMaintenancePreview: {
    method: 'GET',
    path: `${API_PREFIX}/nodes/:id/maintenance/preview`,
    access: READERS,
    params: NodeIdParams,
    response: MaintenancePreview,
  },
  setMaintenance: {
    method: 'POST',
    path: `${API_PREFIX}/nodes/:id/maintenance`,
    access: FULL_ADMIN,
    params: NodeIdParams,
    body: MaintenanceRequest,
    response: ConnectorNode,
    ifMatch: true,
  },
  listAlarms: {
    method: 'GET',
    path: `${API_PREFIX}/alarms`,
    access: READERS,
    query: AlarmListQuery,
    response: AlarmListResponse,
  },
  listAuditEntries: {
    method: 'GET',
    path: `${API_PREFIX}/audit`,
    access: READERS,
    query: AuditListQuery,
    response: AuditListResponse,
  },
  exportAuditCsv: {
    method: 'GET',
    path: `${API_PREFIX}/audit/export.csv`,
    access: READERS,
    query: AuditExportQuery,
    response: z.string(),
    produces: 'text/csv',
  },
  getLabDeployment: {
    method: 'GET',
    path: `${API_PREFIX}/lab/deployment`,
    access: FULL_ADMIN,
    response: LabDeployment,
    lab: true,
  },
  updateLabNode: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/nodes/:id`,
    access: FULL_ADMIN,
    params: NodeIdParams,
    body: LabNodeUpdate,
    response: LabDeployment,
    lab: true,
  },
  updateLabImpNode: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/imp-nodes/:id`,
    access: FULL_ADMIN,
    params: NodeIdParams,
    body: LabImpNodeUpdate,
    response: LabDeployment,
    lab: true,
  },
  fallBackLabImpNode: {
    method: 'POST',
    path: `${API_PREFIX}/lab/imp-nodes/:id/fallback`,
    access: FULL_ADMIN,
    params: NodeIdParams,
    response: LabDeployment,
    lab: true,
  },
  removeLabImpNode: {
    method: 'DELETE',
    path: `${API_PREFIX}/lab/imp-nodes/:id`,
    access: FULL_ADMIN,
    params: NodeIdParams,
    response: LabDeployment,
    lab: true,
  },
  addLabImpNode: {
    method: 'POST',
    path: `${API_PREFIX}/lab/imp-clusters/:id/nodes`,
    access: FULL_ADMIN,
    params: ClusterIdParams,
    body: LabImpNodeCreate,
    response: LabDeployment,
    lab: true,
  },
  updateLabPresenceGroup: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/presence-groups/:id`,
    access: FULL_ADMIN,
    params: ClusterIdParams,
    body: LabPresenceGroupUpdate,
    response: LabDeployment,
    lab: true,
  },
  advanceLabClock: {
    method: 'POST',
    path: `${API_PREFIX}/lab/clock`,
    access: FULL_ADMIN,
    body: LabClockAdvance,
    response: LabDeployment,
    lab: true,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;

/** Fills `:param` placeholders, encoding each value. */
export function pathFor(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}
