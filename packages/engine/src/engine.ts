import type { Actor } from './model/actor.ts';
import type {
  AlarmListQuery,
  AlarmListResponse,
  BulkRequest,
  ClusterDetail,
  ClusterListResponse,
  ConnectorNode as ConnectorNodeView,
  ConnectorRestartResult,
  DiagnosticsResponse,
  HistoryQuery,
  HistoryResponse,
  Job,
  JobFailuresQuery,
  JobFailuresResponse,
  LabDeployment,
  LabImpNodeCreate,
  LabImpNodeUpdate,
  LabNodeUpdate,
  LabPresenceGroupUpdate,
  LabUser,
  LabUserUpdate,
  MaintenancePreview,
  MaintenanceRequest,
  Organization,
  UserActivityTotals,
  UserDetail,
  UserExportQuery,
  UserListQuery,
  UserListResponse,
  UserStatusCounts,
  UserSummary,
} from '@hybrid-hub/contract';
import type { StoredEvent } from './model/job.ts';
import type { Clock } from './clock.ts';
import { runJobSlices, startBulkJob, type StartBulkJobOptions } from './commands/bulk-jobs.ts';
import type { EngineContext } from './commands/context.ts';
import { runDueActivations, takeTurns } from './commands/due-activations.ts';
import { DueWorkReads } from './commands/due-work-reads.ts';
import { getLabUser, updateLabUser } from './commands/lab-user.ts';
import {
  addLabImpNode,
  advanceClock,
  fallBackImpNode,
  removeLabImpNode,
  updateLabImpNode,
  updateLabNode,
  updateLabPresenceGroup,
  type LabContext,
} from './commands/lab-deployment.ts';
import { runAlarmReconcile } from './commands/alarms.ts';
import { restartMessageConnector } from './commands/restart-connector.ts';
import { runSessionMoves } from './commands/session-moves.ts';
import { listAlarms } from './queries/alarm-queries.ts';
import { getLabDeployment } from './queries/lab-deployment-query.ts';
import { FAILOVER_DELAY_MS, FAILOVER_SESSIONS_PER_MINUTE } from './rules/session-moves.ts';
import { SimulationClock, withFreshClock } from './simulation-clock.ts';
import { setMaintenance } from './commands/maintenance.ts';
import { runMaintenanceDrain } from './commands/maintenance-drain.ts';
import { reactivateUser, setMessageService } from './commands/user-commands.ts';
import { NotFoundError } from './errors.ts';
import { createIdGenerator } from './ids.ts';
import { getCluster, listClusters } from './queries/cluster-queries.ts';
import { runDiagnostics } from './queries/diagnostics-query.ts';
import { exportUsers } from './queries/export-users.ts';
import { getUserHistory, getUserStatusCounts } from './queries/history-queries.ts';
import { getJob, getJobFailures } from './queries/job-queries.ts';
import { getUserActivity, previewMaintenance } from './queries/maintenance-queries.ts';
import { getUser, listUsers } from './queries/user-queries.ts';
import { ACTIVATION_DELAY_MS } from './rules/activation.ts';
import { ACTIVATION_RETRY_DELAY_MS } from './rules/error-catalog.ts';
import { MAINTENANCE_RATE_PER_MINUTE } from './rules/maintenance-progress.ts';
import type { Store } from './store/store.ts';

/**
 * The connector engine's public interface: what the BFF routes and the msw handlers call.
 * Queries answer in the API contract's types; ids of another organization are not found
 * (NotFoundError), inputs the domain rejects throw ValidationError.
 */
export interface Engine {
  getOrganization(orgId: string): Promise<Organization>;
  listUsers(orgId: string, query: UserListQuery): Promise<UserListResponse>;
  getUser(orgId: string, userId: string): Promise<UserDetail>;
  listClusters(orgId: string): Promise<ClusterListResponse>;
  getCluster(orgId: string, clusterId: string): Promise<ClusterDetail>;

  // --- activation (SPEC "Rules → Activation") ---
  getUserStatusCounts(orgId: string): Promise<UserStatusCounts>;
  /** The "Message Service" switch: on → Pending (activation follows), off → Not activated. */
  setMessageService(by: Actor, userId: string, enabled: boolean): Promise<UserDetail>;
  /** Reactivate User: Error or Active → Pending; a Pending user is left as is (idempotent). */
  reactivateUser(by: Actor, userId: string): Promise<UserDetail>;
  getUserHistory(orgId: string, userId: string, query: HistoryQuery): Promise<HistoryResponse>;
  runDiagnostics(orgId: string, userId: string): Promise<DiagnosticsResponse>;
  /** Export CSV: every matching user, in batches, read by keyset so memory stays flat. */
  exportUsers(orgId: string, query: UserExportQuery): AsyncIterable<UserSummary[]>;

  // --- bulk jobs ---
  /** Resolves the selection (ids, or every user matching the filter) and queues the job. */
  startBulkJob(by: Actor, request: BulkRequest, options?: StartBulkJobOptions): Promise<Job>;
  getJob(orgId: string, jobId: string): Promise<Job>;
  getJobFailures(
    orgId: string,
    jobId: string,
    query: JobFailuresQuery,
  ): Promise<JobFailuresResponse>;

  // --- timed work ---
  /**
   * Does what is due at the clock's now: activations whose delay has passed, automatic retries,
   * the next slice of every bulk job. Bounded work per call; `more` says another call would
   * find work at once. Safe to call from one runner at a time (the BFF's loop, under a leader
   * lock once several replicas share a store).
   */
  runDueWork(): Promise<DueWorkReport>;

  // --- events (outbox) ---
  listEvents(orgId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  lastEventSeq(orgId: string): Promise<number>;

  // --- maintenance mode, status, alarms (SPEC "Maintenance mode", "Connector restart") ---
  /** The organization's enabled users split by the 72-hour activity window. */
  getUserActivity(orgId: string): Promise<UserActivityTotals>;
  /** The impact of entering maintenance mode on this node now. */
  previewMaintenance(orgId: string, nodeId: string): Promise<MaintenancePreview>;
  /**
   * Enter or exit maintenance mode. `expectedRevision` is the node revision the admin decided
   * on (If-Match): StaleRevisionError when the node has changed since. Entering the last node
   * that can serve the cluster throws ConflictError('last_available_node') unless forced.
   */
  setMaintenance(
    by: Actor,
    nodeId: string,
    request: MaintenanceRequest,
    expectedRevision: number,
  ): Promise<ConnectorNodeView>;
  /** Restart Message Connector: rediscover the cluster's IM&P nodes through AXL. */
  restartMessageConnector(by: Actor, clusterId: string): Promise<ConnectorRestartResult>;
  listAlarms(orgId: string, query: AlarmListQuery): Promise<AlarmListResponse>;

  // --- lab (simulation controls; the BFF exposes them only when the Lab is enabled) ---
  getLabUser(orgId: string, userId: string): Promise<LabUser>;
  updateLabUser(by: Actor, userId: string, update: LabUserUpdate): Promise<LabUser>;
  getLabDeployment(orgId: string): Promise<LabDeployment>;
  updateLabNode(by: Actor, nodeId: string, update: LabNodeUpdate): Promise<LabDeployment>;
  updateLabImpNode(by: Actor, impNodeId: string, update: LabImpNodeUpdate): Promise<LabDeployment>;
  /** Manual fallback: sessions that failed over from this node move back to it. */
  fallBackImpNode(by: Actor, impNodeId: string): Promise<LabDeployment>;
  addLabImpNode(by: Actor, impClusterId: string, node: LabImpNodeCreate): Promise<LabDeployment>;
  removeLabImpNode(by: Actor, impNodeId: string): Promise<LabDeployment>;
  updateLabPresenceGroup(
    by: Actor,
    groupId: string,
    update: LabPresenceGroupUpdate,
  ): Promise<LabDeployment>;
  /**
   * Fast-forward the simulation clock of the caller's organization, and no other's (shared
   * through the store by every replica).
   */
  advanceClock(by: Actor, minutes: number): Promise<LabDeployment>;
}

export type { Actor } from './model/actor.ts';

export interface DueWorkReport {
  /** Users that left Pending (to Active or Error) in this call. */
  activated: number;
  /** Of them, the ones that ended in Error. */
  failed: number;
  /** Job items applied and settled in this call. */
  jobItemsApplied: number;
  jobItemsSettled: number;
  /** Users moved off nodes entering maintenance mode in this call. */
  maintenanceMoved: number;
  /** Users of nodes forced into maintenance mode that lost their connector in this call. */
  maintenanceLeftWithoutConnector: number;
  /** IM&P sessions moved by failovers and fallbacks in this call. */
  sessionsMoved: number;
  /** True when work was left for the next call (a batch limit was reached). */
  more: boolean;
}

export interface EngineOptions {
  store: Store;
  clock: Clock;
  /** Pending → evaluated after this long (default ACTIVATION_DELAY_MS, "a few seconds"). */
  activationDelayMs?: number;
  /** Retried errors come back after this long (default ACTIVATION_RETRY_DELAY_MS). */
  retryDelayMs?: number;
  /**
   * Users evaluated, and job items applied or settled, per transaction of the due work (default:
   * the store's `capabilities.dueWorkBatch`). Larger batches finish a big job sooner; smaller
   * ones hold a transaction for less time, so other writers wait less behind them.
   */
  dueWorkBatchSize?: number;
  /**
   * Users the cloud moves off a node entering maintenance mode, per minute (default
   * MAINTENANCE_RATE_PER_MINUTE, 1,000): the move never goes faster, so the nodes taking the
   * users are not overwhelmed. A move keeps the rate it started with.
   */
  maintenanceRatePerMinute?: number;
  /**
   * IM&P failover and fallback: how long after an IM&P node's outage (or a fallback request)
   * sessions start moving (default FAILOVER_DELAY_MS, the guide's "up to 15 minutes").
   */
  failoverDelayMs?: number;
  /**
   * Sessions moved per minute once they move (default FAILOVER_SESSIONS_PER_MINUTE: 5,000
   * sessions are done about 30 minutes after the outage began). A move keeps its rate.
   */
  failoverSessionsPerMinute?: number;
  /**
   * Called after a transaction that appended events has committed, with the organizations
   * concerned: the BFF wakes its event streams (which then read the outbox).
   */
  onEventsCommitted?: (orgIds: readonly string[]) => void;
}

export function createEngine({
  store,
  clock: injectedClock,
  activationDelayMs = ACTIVATION_DELAY_MS,
  retryDelayMs = ACTIVATION_RETRY_DELAY_MS,
  dueWorkBatchSize = store.capabilities.dueWorkBatch,
  maintenanceRatePerMinute = MAINTENANCE_RATE_PER_MINUTE,
  failoverDelayMs = FAILOVER_DELAY_MS,
  failoverSessionsPerMinute = FAILOVER_SESSIONS_PER_MINUTE,
  onEventsCommitted,
}: EngineOptions): Engine {
  if (!(failoverSessionsPerMinute > 0) || !(failoverDelayMs >= 0))
    throw new RangeError(
      'failoverSessionsPerMinute must be positive, failoverDelayMs not negative',
    );
  // The engine's time is the injected clock plus the Lab's fast-forward of each organization
  // (see SimulationClock): every command, query and due-work step below reads its organization's
  // time from this one, refreshed before each call.
  const clock = new SimulationClock(injectedClock, store);
  if (!(maintenanceRatePerMinute > 0))
    throw new RangeError('maintenanceRatePerMinute must be a positive number of users');
  const ctx: EngineContext = {
    store,
    clock,
    activationDelayMs,
    retryDelayMs,
    maintenanceRatePerMinute,
    dueWorkBatchSize,
    sessionMovePace: { delayMs: failoverDelayMs, sessionsPerMinute: failoverSessionsPerMinute },
    newId: createIdGenerator(),
    notify: (orgIds) => onEventsCommitted?.([...new Set(orgIds)]),
  };
  const lab: LabContext = { ...ctx, simulation: clock };
  /** Which organization's due activations go first in the next run (see takeTurns). */
  let turn = 0;
  const engine: Engine = {
    async getOrganization(orgId) {
      const org = await store.getOrganization(orgId);
      if (!org) throw new NotFoundError('organization', orgId);
      return { id: org.id, name: org.name };
    },
    listUsers: (orgId, query) => listUsers(store, orgId, query),
    getUser: (orgId, userId) => getUser(store, clock.forOrg(orgId), orgId, userId),
    listClusters: (orgId) => listClusters(store, orgId),
    getCluster: (orgId, clusterId) => getCluster(store, clock.forOrg(orgId), orgId, clusterId),

    getUserStatusCounts: (orgId) => getUserStatusCounts(store, orgId),
    setMessageService: (by, userId, enabled) => setMessageService(ctx, by, userId, enabled),
    reactivateUser: (by, userId) => reactivateUser(ctx, by, userId),
    getUserHistory: (orgId, userId, query) => getUserHistory(store, orgId, userId, query),
    runDiagnostics: (orgId, userId) => runDiagnostics(store, clock.forOrg(orgId), orgId, userId),
    exportUsers: (orgId, query) => exportUsers(store, orgId, query),

    startBulkJob: (by, request, options) => startBulkJob(ctx, by, request, options),
    getJob: (orgId, jobId) => getJob(store, orgId, jobId),
    getJobFailures: (orgId, jobId, query) => getJobFailures(store, orgId, jobId, query),

    async runDueWork() {
      // The steps read the organizations, and the deployment, once between them (DueWorkReads).
      const reads = new DueWorkReads(store);
      const orgIds = (await reads.organizations()).map((org) => org.id);
      // Activations first, so that the jobs settle the users this call has just evaluated.
      const due = await runDueActivations(ctx, takeTurns(orgIds, turn++), dueWorkBatchSize);
      const jobs = await runJobSlices(ctx, dueWorkBatchSize);
      const maintenance = await runMaintenanceDrain(ctx, dueWorkBatchSize, reads);
      const sessions = await runSessionMoves(ctx, dueWorkBatchSize, reads);
      // Last: the alarms see the state the steps above left.
      await runAlarmReconcile(ctx, reads);
      return {
        activated: due.evaluated,
        failed: due.failed,
        jobItemsApplied: jobs.applied,
        jobItemsSettled: jobs.settled,
        maintenanceMoved: maintenance.moved,
        maintenanceLeftWithoutConnector: maintenance.leftWithoutConnector,
        sessionsMoved: sessions.moved,
        more: due.more || jobs.more || maintenance.more || sessions.more,
      };
    },

    listEvents: (orgId, afterSeq, limit) => store.listEventsSince(orgId, afterSeq, limit),
    lastEventSeq: (orgId) => store.lastEventSeq(orgId),

    getUserActivity: (orgId) => getUserActivity(store, clock.forOrg(orgId), orgId),
    previewMaintenance: (orgId, nodeId) =>
      previewMaintenance(store, orgId, nodeId, maintenanceRatePerMinute),
    setMaintenance: (by, nodeId, request, expectedRevision) =>
      setMaintenance(ctx, by, nodeId, request, expectedRevision),

    getLabUser: (orgId, userId) => getLabUser(store, orgId, userId),
    updateLabUser: (by, userId, update) => updateLabUser(ctx, by, userId, update),

    restartMessageConnector: (by, clusterId) => restartMessageConnector(ctx, by, clusterId),
    listAlarms: (orgId, query) => listAlarms(store, orgId, query),
    getLabDeployment: (orgId) => getLabDeployment(store, clock.forOrg(orgId), orgId),
    updateLabNode: (by, nodeId, update) => updateLabNode(lab, by, nodeId, update),
    updateLabImpNode: (by, impNodeId, update) => updateLabImpNode(lab, by, impNodeId, update),
    fallBackImpNode: (by, impNodeId) => fallBackImpNode(lab, by, impNodeId),
    addLabImpNode: (by, impClusterId, node) => addLabImpNode(lab, by, impClusterId, node),
    removeLabImpNode: (by, impNodeId) => removeLabImpNode(lab, by, impNodeId),
    updateLabPresenceGroup: (by, groupId, update) =>
      updateLabPresenceGroup(lab, by, groupId, update),
    advanceClock: (by, minutes) => advanceClock(lab, by, minutes),
  };
  return withFreshClock(engine, clock);
}
