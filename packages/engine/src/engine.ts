import type {
  BulkRequest,
  ClusterDetail,
  ClusterListResponse,
  DiagnosticsResponse,
  HistoryQuery,
  HistoryResponse,
  Job,
  JobFailuresQuery,
  JobFailuresResponse,
  LabUser,
  LabUserUpdate,
  Organization,
  UserDetail,
  UserExportQuery,
  UserListQuery,
  UserListResponse,
  UserStatusCounts,
  UserSummary,
} from '@hybrid-hub/contract';
import type { StoredEvent } from './model/job.ts';
import type { Clock } from './clock.ts';
import { NotFoundError } from './errors.ts';
import { getCluster, listClusters } from './queries/cluster-queries.ts';
import { getUser, listUsers } from './queries/user-queries.ts';
import type { Store } from './store.ts';

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
  startBulkJob(by: Actor, request: BulkRequest): Promise<Job>;
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

  // --- lab (simulation controls; the BFF exposes them only when the Lab is enabled) ---
  getLabUser(orgId: string, userId: string): Promise<LabUser>;
  updateLabUser(by: Actor, userId: string, update: LabUserUpdate): Promise<LabUser>;
}

/** Who asks for a change, and in which organization. */
export interface Actor {
  orgId: string;
  /** The administrator's email (history shows it), or `system`. */
  actor: string;
}

export interface DueWorkReport {
  /** Users that left Pending (to Active or Error) in this call. */
  activated: number;
  failed: number;
  /** Job items applied and settled in this call. */
  jobItemsApplied: number;
  jobItemsSettled: number;
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
   * Called after a transaction that appended events has committed, with the organizations
   * concerned: the BFF wakes its event streams (which then read the outbox).
   */
  onEventsCommitted?: (orgIds: readonly string[]) => void;
}

export function createEngine({ store, clock }: EngineOptions): Engine {
  return {
    async getOrganization(orgId) {
      const org = await store.getOrganization(orgId);
      if (!org) throw new NotFoundError('organization', orgId);
      return { id: org.id, name: org.name };
    },
    listUsers: (orgId, query) => listUsers(store, orgId, query),
    getUser: (orgId, userId) => getUser(store, clock, orgId, userId),
    listClusters: (orgId) => listClusters(store, orgId),
    getCluster: (orgId, clusterId) => getCluster(store, clock, orgId, clusterId),
  };
}
