import { z } from 'zod';
import { AlarmListQuery, AlarmListResponse } from './alarms.ts';
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

/**
 * The API's route table: one entry per route, with the schemas of what goes in and out.
 * The BFF mounts its handlers from it (and validates with these schemas), the SPA's client
 * builds URLs from it, the msw handlers answer it, and later the authorization matrix test
 * walks it — so a route added here is a route every consumer knows about.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Express-style path, `:id` for parameters. */
  path: string;
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
}

export const API_PREFIX = '/api/v1';

export const routes = {
  health: { method: 'GET', path: '/api/health', response: Health },
  getOpenApi: {
    method: 'GET',
    path: `${API_PREFIX}/openapi.json`,
    response: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
  },
  getOrganization: { method: 'GET', path: `${API_PREFIX}/organization`, response: Organization },
  listUsers: {
    method: 'GET',
    path: `${API_PREFIX}/users`,
    query: UserListQuery,
    response: UserListResponse,
  },
  // Fixed paths under /users come before /users/:id, which would otherwise match them.
  getUserStatusCounts: {
    method: 'GET',
    path: `${API_PREFIX}/users/status-counts`,
    response: UserStatusCounts,
  },
  getUserActivity: {
    method: 'GET',
    path: `${API_PREFIX}/users/activity`,
    response: UserActivityTotals,
  },
  exportUsersCsv: {
    method: 'GET',
    path: `${API_PREFIX}/users/export.csv`,
    query: UserExportQuery,
    response: z.string(),
    produces: 'text/csv',
  },
  startBulkJob: {
    method: 'POST',
    path: `${API_PREFIX}/users/bulk`,
    body: BulkRequest,
    response: Job,
  },
  getUser: {
    method: 'GET',
    path: `${API_PREFIX}/users/:id`,
    params: UserIdParams,
    response: UserDetail,
  },
  setMessageService: {
    method: 'PUT',
    path: `${API_PREFIX}/users/:id/message-service`,
    params: UserIdParams,
    body: MessageServiceBody,
    response: UserDetail,
  },
  reactivateUser: {
    method: 'POST',
    path: `${API_PREFIX}/users/:id/reactivate`,
    params: UserIdParams,
    response: UserDetail,
  },
  getUserHistory: {
    method: 'GET',
    path: `${API_PREFIX}/users/:id/history`,
    params: UserIdParams,
    query: HistoryQuery,
    response: HistoryResponse,
  },
  getUserDiagnostics: {
    method: 'GET',
    path: `${API_PREFIX}/users/:id/diagnostics`,
    params: UserIdParams,
    response: DiagnosticsResponse,
  },
  getJob: {
    method: 'GET',
    path: `${API_PREFIX}/jobs/:id`,
    params: JobIdParams,
    response: Job,
  },
  getJobFailures: {
    method: 'GET',
    path: `${API_PREFIX}/jobs/:id/failures`,
    params: JobIdParams,
    query: JobFailuresQuery,
    response: JobFailuresResponse,
  },
  events: {
    method: 'GET',
    path: `${API_PREFIX}/events`,
    response: HubEvent,
    produces: 'text/event-stream',
  },
  getLabStatus: { method: 'GET', path: `${API_PREFIX}/lab`, response: LabStatus },
  getLabUser: {
    method: 'GET',
    path: `${API_PREFIX}/lab/users/:id`,
    params: UserIdParams,
    response: LabUser,
    lab: true,
  },
  updateLabUser: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/users/:id`,
    params: UserIdParams,
    body: LabUserUpdate,
    response: LabUser,
    lab: true,
  },
  listClusters: {
    method: 'GET',
    path: `${API_PREFIX}/clusters`,
    response: ClusterListResponse,
  },
  getCluster: {
    method: 'GET',
    path: `${API_PREFIX}/clusters/:id`,
    params: ClusterIdParams,
    response: ClusterDetail,
  },
  restartMessageConnector: {
    method: 'POST',
    path: `${API_PREFIX}/clusters/:id/message-connector/restart`,
    params: ClusterIdParams,
    response: ConnectorRestartResult,
  },
  getMaintenancePreview: {
    method: 'GET',
    path: `${API_PREFIX}/nodes/:id/maintenance/preview`,
    params: NodeIdParams,
    response: MaintenancePreview,
  },
  setMaintenance: {
    method: 'POST',
    path: `${API_PREFIX}/nodes/:id/maintenance`,
    params: NodeIdParams,
    body: MaintenanceRequest,
    response: ConnectorNode,
    ifMatch: true,
  },
  listAlarms: {
    method: 'GET',
    path: `${API_PREFIX}/alarms`,
    query: AlarmListQuery,
    response: AlarmListResponse,
  },
  getLabDeployment: {
    method: 'GET',
    path: `${API_PREFIX}/lab/deployment`,
    response: LabDeployment,
    lab: true,
  },
  updateLabNode: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/nodes/:id`,
    params: NodeIdParams,
    body: LabNodeUpdate,
    response: LabDeployment,
    lab: true,
  },
  updateLabImpNode: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/imp-nodes/:id`,
    params: NodeIdParams,
    body: LabImpNodeUpdate,
    response: LabDeployment,
    lab: true,
  },
  fallBackLabImpNode: {
    method: 'POST',
    path: `${API_PREFIX}/lab/imp-nodes/:id/fallback`,
    params: NodeIdParams,
    response: LabDeployment,
    lab: true,
  },
  removeLabImpNode: {
    method: 'DELETE',
    path: `${API_PREFIX}/lab/imp-nodes/:id`,
    params: NodeIdParams,
    response: LabDeployment,
    lab: true,
  },
  addLabImpNode: {
    method: 'POST',
    path: `${API_PREFIX}/lab/imp-clusters/:id/nodes`,
    params: ClusterIdParams,
    body: LabImpNodeCreate,
    response: LabDeployment,
    lab: true,
  },
  updateLabPresenceGroup: {
    method: 'PUT',
    path: `${API_PREFIX}/lab/presence-groups/:id`,
    params: ClusterIdParams,
    body: LabPresenceGroupUpdate,
    response: LabDeployment,
    lab: true,
  },
  advanceLabClock: {
    method: 'POST',
    path: `${API_PREFIX}/lab/clock`,
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
