import {
  entityTag,
  pathFor,
  routes,
  type RequestParts,
  type RouteName,
} from '@hybrid-hub/contract';
import type { Actor, Engine } from '@hybrid-hub/engine';
import type { z } from 'zod';

type RouteOf<N extends RouteName> = (typeof routes)[N];

/** What an engine call gets: the parsed inputs, and who asks (from the session). */
export interface BindingInput<N extends RouteName> extends RequestParts<RouteOf<N>> {
  /** The organization in scope. */
  orgId: string;
  /** Who asks: the actor of a command. */
  by: Actor;
  /** The revision `If-Match` names, on the routes the contract guards with it. */
  ifMatch: RouteOf<N> extends { ifMatch: true } ? number : undefined;
}

/** The JSON answer of a route, as its response schema takes it. */
export type BindingAnswer<N extends RouteName> = z.input<RouteOf<N>['response']>;

/** How one route is answered by the engine. */
export interface EngineRoute<N extends RouteName> {
  call(engine: Engine, input: BindingInput<N>): Promise<BindingAnswer<N>>;
  /** The answer's status when it is not 200. */
  status?: number;
  /** Headers that say more about the answer (its ETag, the Location of what it started). */
  headers?(answer: BindingAnswer<N>): Record<string, string>;
}

/**
 * The routes each side answers in its own way, around its own session, audit log and files:
 * liveness and the API's description, signing in and out, CSV downloads, the audit log (the
 * BFF's table), the event stream and whether the Lab is on (configuration).
 */
export type TransportRouteName =
  | 'health'
  | 'getOpenApi'
  | 'signIn'
  | 'getSession'
  | 'signOut'
  | 'exportUsersCsv'
  | 'listAuditEntries'
  | 'exportAuditCsv'
  | 'events'
  | 'getLabStatus';

export type EngineRouteName = Exclude<RouteName, TransportRouteName>;

/** The node's revision as an entity tag: what a maintenance request sends back as If-Match. */
const revisionTag = ({ revision }: { revision: number }) => ({ ETag: entityTag(revision) });

/**
 * Every engine-backed route of the contract and the engine call that answers it: the Express
 * routers of the BFF and the SPA's msw handlers are both made from this one object.
 */
export const engineRoutes: { [N in EngineRouteName]: EngineRoute<N> } = {
  getOrganization: { call: (engine, { orgId }) => engine.getOrganization(orgId) },
  listUsers: { call: (engine, { orgId, query }) => engine.listUsers(orgId, query) },
  getUserStatusCounts: { call: (engine, { orgId }) => engine.getUserStatusCounts(orgId) },
  getUserActivity: { call: (engine, { orgId }) => engine.getUserActivity(orgId) },
  startBulkJob: {
    call: (engine, { by, body }) => engine.startBulkJob(by, body),
    // Accepted, not done: the job runs in the background and is followed at its Location.
    status: 202,
    headers: (job) => ({ Location: pathFor(routes.getJob.path, { id: job.id }) }),
  },
  getUser: { call: (engine, { orgId, params }) => engine.getUser(orgId, params.id) },
  setMessageService: {
    call: (engine, { by, params, body }) => engine.setMessageService(by, params.id, body.enabled),
  },
  reactivateUser: { call: (engine, { by, params }) => engine.reactivateUser(by, params.id) },
  getUserHistory: {
    call: (engine, { orgId, params, query }) => engine.getUserHistory(orgId, params.id, query),
  },
  getUserDiagnostics: {
    call: (engine, { orgId, params }) => engine.runDiagnostics(orgId, params.id),
  },
  getJob: { call: (engine, { orgId, params }) => engine.getJob(orgId, params.id) },
  getJobFailures: {
    call: (engine, { orgId, params, query }) => engine.getJobFailures(orgId, params.id, query),
  },
  getLabUser: { call: (engine, { orgId, params }) => engine.getLabUser(orgId, params.id) },
  updateLabUser: {
    call: (engine, { by, params, body }) => engine.updateLabUser(by, params.id, body),
  },
  listClusters: { call: (engine, { orgId }) => engine.listClusters(orgId) },
  getCluster: { call: (engine, { orgId, params }) => engine.getCluster(orgId, params.id) },
  restartMessageConnector: {
    call: (engine, { by, params }) => engine.restartMessageConnector(by, params.id),
  },
  getMaintenancePreview: {
    call: (engine, { orgId, params }) => engine.previewMaintenance(orgId, params.id),
    headers: revisionTag,
  },
  setMaintenance: {
    call: (engine, { by, params, body, ifMatch }) =>
      engine.setMaintenance(by, params.id, body, ifMatch),
    headers: revisionTag,
  },
  listAlarms: { call: (engine, { orgId, query }) => engine.listAlarms(orgId, query) },
  getLabDeployment: { call: (engine, { orgId }) => engine.getLabDeployment(orgId) },
  updateLabNode: {
    call: (engine, { by, params, body }) => engine.updateLabNode(by, params.id, body),
  },
  updateLabImpNode: {
    call: (engine, { by, params, body }) => engine.updateLabImpNode(by, params.id, body),
  },
  fallBackLabImpNode: { call: (engine, { by, params }) => engine.fallBackImpNode(by, params.id) },
  removeLabImpNode: { call: (engine, { by, params }) => engine.removeLabImpNode(by, params.id) },
  addLabImpNode: {
    call: (engine, { by, params, body }) => engine.addLabImpNode(by, params.id, body),
  },
  updateLabPresenceGroup: {
    call: (engine, { by, params, body }) => engine.updateLabPresenceGroup(by, params.id, body),
  },
  advanceLabClock: { call: (engine, { by, body }) => engine.advanceClock(by, body.minutes) },
};

/**
 * The engine-backed routes in the route table's order, which puts fixed paths before the
 * parameters that would take them (`/users/status-counts` before `/users/:id`): the order a
 * router that matches the first registered route must register them in.
 */
export const ENGINE_ROUTE_NAMES = (Object.keys(routes) as RouteName[]).filter(
  (name): name is EngineRouteName => name in engineRoutes,
);

/** One route's binding, for code that walks them all without knowing which one it holds. */
export function engineRouteOf(name: EngineRouteName): EngineRoute<RouteName> {
  return engineRoutes[name] as unknown as EngineRoute<RouteName>;
}
