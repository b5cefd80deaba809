import { AsyncMutex } from '../../async-mutex.ts';
import { MemoryData } from './memory-data.ts';
import type {
  ConnectorNode,
  DirectoryEntry,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  Organization,
  PresenceRedundancyGroup,
} from '../../model/deployment.ts';
import type {
  JobItem,
  JobItemState,
  JobRecord,
  StoredEvent,
  WaitingJobItem,
} from '../../model/job.ts';
import type { CloudUser, HistoryEntry, JidAccount, UserView } from '../../model/user.ts';
import type {
  DeploymentRows,
  PageRequest,
  Paged,
  SessionFilter,
  Store,
  UserPage,
  UserQuery,
  UserWrite,
} from '../store.ts';
import type { AlarmFilter, AlarmRecord } from '../../model/alarm.ts';
import type { HubEvent, UserStatus } from '@hybrid-hub/contract';

type Run = <T>(operation: () => T) => Promise<T>;
type JobItemWithUser = { item: JobItem; user: CloudUser | undefined };

/**
 * Every Store operation, run on the tables through `run`: the store itself queues behind open
 * transactions; a transaction's view runs at once.
 */
abstract class MemoryOperations implements Store {
  protected constructor(
    protected readonly data: MemoryData,
    private readonly run: Run,
  ) {}

  abstract transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  abstract othersWaiting(): Promise<boolean>;
  abstract close(): Promise<void>;

  listOrganizations(): Promise<Organization[]> {
    return this.run(() => this.data.listOrganizations());
  }
  getOrganization(orgId: string): Promise<Organization | undefined> {
    return this.run(() => this.data.getOrganization(orgId));
  }
  listExpresswayClusters(orgId: string): Promise<ExpresswayCluster[]> {
    return this.run(() => this.data.listExpresswayClusters(orgId));
  }
  getExpresswayCluster(orgId: string, clusterId: string): Promise<ExpresswayCluster | undefined> {
    return this.run(() => this.data.getExpresswayCluster(orgId, clusterId));
  }
  listNodes(orgId: string, clusterId?: string): Promise<ConnectorNode[]> {
    return this.run(() => this.data.listNodes(orgId, clusterId));
  }
  listImpClusters(orgId: string, expresswayClusterId?: string): Promise<ImpCluster[]> {
    return this.run(() => this.data.listImpClusters(orgId, expresswayClusterId));
  }
  listImpNodes(orgId: string, impClusterIds?: readonly string[]): Promise<ImpNode[]> {
    return this.run(() => this.data.listImpNodes(orgId, impClusterIds));
  }
  listPresenceRedundancyGroups(
    orgId: string,
    impClusterIds?: readonly string[],
  ): Promise<PresenceRedundancyGroup[]> {
    return this.run(() => this.data.listPresenceRedundancyGroups(orgId, impClusterIds));
  }
  findDirectoryEntriesByMailid(orgId: string, mailid: string): Promise<DirectoryEntry[]> {
    return this.run(() => this.data.directory.findDirectoryEntriesByMailid(orgId, mailid));
  }
  findDirectoryEntriesByUserid(orgId: string, userid: string): Promise<DirectoryEntry[]> {
    return this.run(() => this.data.directory.findDirectoryEntriesByUserid(orgId, userid));
  }
  countDirectoryEntries(orgId: string, impClusterIds: readonly string[]): Promise<number> {
    return this.run(() => this.data.directory.countDirectoryEntries(orgId, impClusterIds));
  }
  findJidAccount(orgId: string, jid: string): Promise<JidAccount | undefined> {
    return this.run(() => this.data.directory.findJidAccount(orgId, jid));
  }
  findDirectoryEntries(
    orgId: string,
    keys: { mailids: readonly string[]; userids: readonly string[] },
  ): Promise<DirectoryEntry[]> {
    return this.run(() => this.data.directory.findDirectoryEntries(orgId, keys));
  }
  findJidAccounts(orgId: string, jids: readonly string[]): Promise<JidAccount[]> {
    return this.run(() => this.data.directory.findJidAccounts(orgId, jids));
  }
  listUsers(orgId: string, query: UserQuery): Promise<UserPage> {
    return this.run(() => this.data.listUsers(orgId, query));
  }
  getUser(orgId: string, userId: string): Promise<UserView | undefined> {
    return this.run(() => this.data.getUser(orgId, userId));
  }
  getUsers(orgId: string, userIds: readonly string[]): Promise<CloudUser[]> {
    return this.run(() => this.data.getUsers(orgId, userIds));
  }
  listUserIds(orgId: string, filter: Pick<UserQuery, 'q' | 'status'>): Promise<string[]> {
    return this.run(() => this.data.listUserIds(orgId, filter));
  }
  countUsersByNode(orgId: string): Promise<Map<string, number>> {
    return this.run(() => this.data.countUsersByNode(orgId));
  }
  countUsersByStatus(orgId: string): Promise<Record<UserStatus, number>> {
    return this.run(() => this.data.countUsersByStatus(orgId));
  }
  countAssignedUsersByHomeNode(
    orgId: string,
    clusterId: string,
    activeSince: number,
  ): Promise<Map<string, { enabled: number; active: number }>> {
    return this.run(() => this.data.countAssignedUsersByHomeNode(orgId, clusterId, activeSince));
  }
  listDueUsers(orgId: string, now: number, limit: number): Promise<CloudUser[]> {
    return this.run(() => this.data.listDueUsers(orgId, now, limit));
  }
  listUsersOnNode(orgId: string, nodeId: string, limit: number): Promise<CloudUser[]> {
    return this.run(() => this.data.listUsersOnNode(orgId, nodeId, limit));
  }
  countUserActivity(
    orgId: string,
    activeSince: number,
  ): Promise<{ enabled: number; active: number }> {
    return this.run(() => this.data.countUserActivity(orgId, activeSince));
  }
  insertJob(job: JobRecord, userIds: readonly string[]): Promise<void> {
    return this.run(() => this.data.jobs.insertJob(job, userIds));
  }
  getJob(orgId: string, jobId: string): Promise<JobRecord | undefined> {
    return this.run(() => this.data.jobs.getJob(orgId, jobId));
  }
  updateJob(job: JobRecord): Promise<void> {
    return this.run(() => this.data.jobs.updateJob(job));
  }
  listUnfinishedJobs(): Promise<JobRecord[]> {
    return this.run(() => this.data.jobs.listUnfinishedJobs());
  }
  listJobItems(
    jobId: string,
    state: JobItemState,
    limit: number,
    afterSeq?: number,
  ): Promise<JobItem[]> {
    return this.run(() => this.data.jobs.listJobItems(jobId, state, limit, afterSeq));
  }
  listWaitingJobItems(jobId: string, afterSeq: number, limit: number): Promise<WaitingJobItem[]> {
    return this.run(() => this.data.jobs.listWaitingJobItems(jobId, afterSeq, limit));
  }
  updateJobItems(items: readonly JobItem[]): Promise<void> {
    return this.run(() => this.data.jobs.updateJobItems(items));
  }
  listJobFailures(
    orgId: string,
    jobId: string,
    page: PageRequest,
  ): Promise<Paged<JobItemWithUser>> {
    return this.run(() => this.data.jobs.listJobFailures(orgId, jobId, page));
  }
  appendEvents(orgId: string, at: number, events: readonly HubEvent[]): Promise<void> {
    return this.run(() => this.data.events.appendEvents(orgId, at, events));
  }
  listEventsSince(orgId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return this.run(() => this.data.events.listEventsSince(orgId, afterSeq, limit));
  }
  lastEventSeq(orgId: string): Promise<number> {
    return this.run(() => this.data.events.lastEventSeq(orgId));
  }
  pruneEvents(before: number): Promise<number> {
    return this.run(() => this.data.events.pruneEvents(before));
  }
  listHistory(orgId: string, userId: string, page: PageRequest): Promise<Paged<HistoryEntry>> {
    return this.run(() => this.data.listHistory(orgId, userId, page));
  }
  insertOrganization(org: Organization): Promise<void> {
    return this.run(() => this.data.insertOrganization(org));
  }
  insertDeployment(deployment: DeploymentRows): Promise<void> {
    return this.run(() => this.data.insertDeployment(deployment));
  }
  insertDirectoryEntries(entries: readonly DirectoryEntry[]): Promise<void> {
    return this.run(() => this.data.directory.insertDirectoryEntries(entries));
  }
  insertJidAccounts(accounts: readonly JidAccount[]): Promise<void> {
    return this.run(() => this.data.directory.insertJidAccounts(accounts));
  }
  insertUsers(users: readonly CloudUser[]): Promise<void> {
    return this.run(() => this.data.insertUsers(users));
  }
  updateUser(user: CloudUser, expectedVersion: number): Promise<boolean> {
    return this.run(() => this.data.updateUser(user, expectedVersion));
  }
  updateUsers(changes: readonly UserWrite[]): Promise<boolean[]> {
    return this.run(() => this.data.updateUsers(changes));
  }
  updateNode(node: ConnectorNode, expectedRevision: number): Promise<boolean> {
    return this.run(() => this.data.updateNode(node, expectedRevision));
  }
  appendHistory(entries: readonly HistoryEntry[]): Promise<void> {
    return this.run(() => this.data.appendHistory(entries));
  }
  updateDirectoryEntry(entry: DirectoryEntry): Promise<void> {
    return this.run(() => this.data.directory.updateDirectoryEntry(entry));
  }
  deleteDirectoryEntry(orgId: string, entryId: string): Promise<void> {
    return this.run(() => this.data.directory.deleteDirectoryEntry(orgId, entryId));
  }
  deleteJidAccount(orgId: string, jid: string): Promise<void> {
    return this.run(() => this.data.directory.deleteJidAccount(orgId, jid));
  }
  listSessions(orgId: string, filter: SessionFilter, limit: number): Promise<CloudUser[]> {
    return this.run(() => this.data.simulation.listSessions(orgId, filter, limit));
  }
  countSessions(orgId: string, filter: SessionFilter): Promise<number> {
    return this.run(() => this.data.simulation.countSessions(orgId, filter));
  }
  countDirectoryEntriesByHomeNode(orgId: string): Promise<Map<string, number>> {
    return this.run(() => this.data.simulation.countDirectoryEntriesByHomeNode(orgId));
  }
  updateImpNode(node: ImpNode): Promise<void> {
    return this.run(() => this.data.simulation.updateImpNode(node));
  }
  insertImpNode(node: ImpNode): Promise<void> {
    return this.run(() => this.data.simulation.insertImpNode(node));
  }
  deleteImpNode(orgId: string, impNodeId: string): Promise<void> {
    return this.run(() => this.data.simulation.deleteImpNode(orgId, impNodeId));
  }
  updatePresenceRedundancyGroup(group: PresenceRedundancyGroup): Promise<void> {
    return this.run(() => this.data.simulation.updatePresenceRedundancyGroup(group));
  }
  getClockOffsets(): Promise<Map<string, number>> {
    return this.run(() => this.data.simulation.getClockOffsets());
  }
  advanceClockOffset(orgId: string, byMs: number): Promise<number> {
    return this.run(() => this.data.simulation.advanceClockOffset(orgId, byMs));
  }
  listOpenAlarms(orgId: string): Promise<AlarmRecord[]> {
    return this.run(() => this.data.alarms.listOpenAlarms(orgId));
  }
  listAlarms(orgId: string, filter: AlarmFilter, page: PageRequest): Promise<Paged<AlarmRecord>> {
    return this.run(() => this.data.alarms.listAlarms(orgId, filter, page));
  }
  countOpenAlarmsByCluster(orgId: string): Promise<Map<string, number>> {
    return this.run(() => this.data.alarms.countOpenAlarmsByCluster(orgId));
  }
  insertAlarms(alarms: readonly AlarmRecord[]): Promise<void> {
    return this.run(() => this.data.alarms.insertAlarms(alarms));
  }
  updateAlarms(alarms: readonly AlarmRecord[]): Promise<void> {
    return this.run(() => this.data.alarms.updateAlarms(alarms));
  }
}

/** Runs a synchronous operation as a promise, so that a throw becomes a rejection. */
function settle<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/**
 * The Store in memory: for the browser mocks (msw) and unit tests. Same semantics as the SQLite
 * store (both pass `describeStoreContract`).
 *
 * Transactions are serialized by a FIFO mutex; while one is open or queued, calls on the store
 * itself wait their turn (so nobody sees uncommitted writes), and `work` gets a view whose calls
 * run at once. A throw rolls the writes back from an undo log; a nested `transaction()` on the
 * view rolls back only its own writes.
 */
export class MemoryStore extends MemoryOperations {
  readonly #mutex: AsyncMutex;
  #closed = false;

  constructor() {
    const mutex = new AsyncMutex();
    const data = new MemoryData();
    super(data, (operation) => (mutex.idle ? settle(operation) : mutex.run(operation)));
    this.#mutex = mutex;
  }

  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      if (this.#closed) throw new Error('the store is closed');
      const view = new TransactionView(this.data, () => this.othersWaiting());
      this.data.begin();
      let committed = false;
      try {
        const result = await work(view);
        committed = true;
        return result;
      } finally {
        this.data.end(committed);
        view.finish();
      }
    });
  }

  /** Any call on the store itself queues behind an open transaction, reads included. */
  othersWaiting(): Promise<boolean> {
    return Promise.resolve(this.#mutex.waiting > 0);
  }

  async close(): Promise<void> {
    await this.#mutex.run(() => {
      this.#closed = true;
    });
  }
}

class TransactionView extends MemoryOperations {
  #open = true;
  readonly othersWaiting: () => Promise<boolean>;

  constructor(data: MemoryData, othersWaiting: () => Promise<boolean>) {
    const view: { open: () => boolean } = { open: () => true };
    super(data, (operation) =>
      view.open()
        ? settle(operation)
        : Promise.reject(new Error('the transaction has already finished')),
    );
    view.open = () => this.#open;
    this.othersWaiting = othersWaiting;
  }

  finish(): void {
    this.#open = false;
  }

  /** Nested: a savepoint. Its writes roll back on throw; the outer transaction goes on. */
  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (!this.#open) throw new Error('the transaction has already finished');
    const mark = this.data.mark();
    try {
      return await work(this);
    } catch (error) {
      this.data.rollbackTo(mark);
      throw error;
    }
  }

  close(): Promise<void> {
    return Promise.reject(new Error('close the store, not its transaction'));
  }
}
