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
import { Session, SignInRequest } from './session.ts';
import { routeTable, type RouteBase, type RouteName } from './route-table.ts';

/**
 * The API's routes with the schemas of what goes in and out: route-table.ts's entries, each with
 * its schemas. The BFF mounts its handlers from it (and validates with these schemas), the SPA's
 * client builds URLs from its table, the msw handlers answer it, and the authorization matrix test
 * walks it — so a route added there is a route every consumer knows about.
 */
export interface RouteSpec extends RouteBase {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The JSON answer, or for a non-JSON route the schema of what one unit of it carries. */
  response: z.ZodType;
}

export const routes = {
  health: {
    ...routeTable.health,
    response: Health,
  },
  getOpenApi: {
    ...routeTable.getOpenApi,
    response: z.looseObject({
      openapi: z.string(),
      paths: z.record(z.string(), z.unknown()),
    }),
  },
  signIn: {
    ...routeTable.signIn,
    body: SignInRequest,
    response: Session,
  },
  getSession: {
    ...routeTable.getSession,
    response: Session,
  },
  signOut: {
    ...routeTable.signOut,
    response: z.void(),
  },
  getOrganization: {
    ...routeTable.getOrganization,
    response: Organization,
  },
  listUsers: {
    ...routeTable.listUsers,
    query: UserListQuery,
    response: UserListResponse,
  },
  getUserStatusCounts: {
    ...routeTable.getUserStatusCounts,
    response: UserStatusCounts,
  },
  getUserActivity: {
    ...routeTable.getUserActivity,
    response: UserActivityTotals,
  },
  exportUsersCsv: {
    ...routeTable.exportUsersCsv,
    query: UserExportQuery,
    response: z.string(),
  },
  startBulkJob: {
    ...routeTable.startBulkJob,
    body: BulkRequest,
    response: Job,
  },
  getUser: {
    ...routeTable.getUser,
    params: UserIdParams,
    response: UserDetail,
  },
  setMessageService: {
    ...routeTable.setMessageService,
    params: UserIdParams,
    body: MessageServiceBody,
    response: UserDetail,
  },
  reactivateUser: {
    ...routeTable.reactivateUser,
    params: UserIdParams,
    response: UserDetail,
  },
  getUserHistory: {
    ...routeTable.getUserHistory,
    params: UserIdParams,
    query: HistoryQuery,
    response: HistoryResponse,
  },
  getUserDiagnostics: {
    ...routeTable.getUserDiagnostics,
    params: UserIdParams,
    response: DiagnosticsResponse,
  },
  getJob: {
    ...routeTable.getJob,
    params: JobIdParams,
    response: Job,
  },
  getJobFailures: {
    ...routeTable.getJobFailures,
    params: JobIdParams,
    query: JobFailuresQuery,
    response: JobFailuresResponse,
  },
  events: {
    ...routeTable.events,
    response: HubEvent,
  },
  getLabStatus: {
    ...routeTable.getLabStatus,
    response: LabStatus,
  },
  getLabUser: {
    ...routeTable.getLabUser,
    params: UserIdParams,
    response: LabUser,
  },
  updateLabUser: {
    ...routeTable.updateLabUser,
    params: UserIdParams,
    body: LabUserUpdate,
    response: LabUser,
  },
  listClusters: {
    ...routeTable.listClusters,
    response: ClusterListResponse,
  },
  getCluster: {
    ...routeTable.getCluster,
    params: ClusterIdParams,
    response: ClusterDetail,
  },
  restartMessageConnector: {
    ...routeTable.restartMessageConnector,
    params: ClusterIdParams,
    response: ConnectorRestartResult,
  },
  getMaintenancePreview: {
    ...routeTable.getMaintenancePreview,
    params: NodeIdParams,
    response: MaintenancePreview,
  },
  setMaintenance: {
    ...routeTable.setMaintenance,
    params: NodeIdParams,
    body: MaintenanceRequest,
    response: ConnectorNode,
  },
  listAlarms: {
    ...routeTable.listAlarms,
    query: AlarmListQuery,
    response: AlarmListResponse,
  },
  listAuditEntries: {
    ...routeTable.listAuditEntries,
    query: AuditListQuery,
    response: AuditListResponse,
  },
  exportAuditCsv: {
    ...routeTable.exportAuditCsv,
    query: AuditExportQuery,
    response: z.string(),
  },
  getLabDeployment: {
    ...routeTable.getLabDeployment,
    response: LabDeployment,
  },
  updateLabNode: {
    ...routeTable.updateLabNode,
    params: NodeIdParams,
    body: LabNodeUpdate,
    response: LabDeployment,
  },
  updateLabImpNode: {
    ...routeTable.updateLabImpNode,
    params: NodeIdParams,
    body: LabImpNodeUpdate,
    response: LabDeployment,
  },
  fallBackLabImpNode: {
    ...routeTable.fallBackLabImpNode,
    params: NodeIdParams,
    response: LabDeployment,
  },
  removeLabImpNode: {
    ...routeTable.removeLabImpNode,
    params: NodeIdParams,
    response: LabDeployment,
  },
  addLabImpNode: {
    ...routeTable.addLabImpNode,
    params: ClusterIdParams,
    body: LabImpNodeCreate,
    response: LabDeployment,
  },
  updateLabPresenceGroup: {
    ...routeTable.updateLabPresenceGroup,
    params: ClusterIdParams,
    body: LabPresenceGroupUpdate,
    response: LabDeployment,
  },
  advanceLabClock: {
    ...routeTable.advanceLabClock,
    body: LabClockAdvance,
    response: LabDeployment,
  },
} as const satisfies Record<RouteName, RouteSpec>;
