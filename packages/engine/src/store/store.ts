import type { HubEvent, UserSortField, UserStatus } from '@hybrid-hub/contract';
import type {
  JobItem,
  JobItemState,
  JobRecord,
  StoredEvent,
  WaitingJobItem,
} from '../model/job.ts';
import type {
  ConnectorNode,
  DirectoryEntry,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  Organization,
  PresenceRedundancyGroup,
} from '../model/deployment.ts';
import type { CloudUser, HistoryEntry, JidAccount, UserView } from '../model/user.ts';
import type { AlarmFilter, AlarmRecord } from '../model/alarm.ts';

/**
 * The engine's storage port. Every method is async so that a networked store (PostgreSQL,
 * with several BFF replicas) fits behind the same interface as the embedded ones
 * (in-memory for the browser mocks and unit tests, SQLite for the BFF).
 *
 * Stores do the set-based work (search, filter, sort, page, count) because only they can do it
 * with indexes on a 200,000-user organization; the rules stay in the engine.
 * Every query is scoped by organization: an id of another organization is simply not found.
 */
export interface Store {
  /**
   * Runs `work` atomically: all of its writes land, or none. Transactions run one at a time.
   * Calls outside it never see its writes before it commits: they either wait for it or read
   * the last committed state (as a PostgreSQL store would).
   */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * True when other work waits for the store until the running transaction ends (a store that
   * runs one transaction at a time, queuing writes behind it). A long transaction of the due work
   * ends at its next step then, so that a user's Save does not wait for a whole batch.
   */
  othersWaiting(): Promise<boolean>;
  close(): Promise<void>;

  // --- organizations and deployment ---
  listOrganizations(): Promise<Organization[]>;
  getOrganization(orgId: string): Promise<Organization | undefined>;
  listExpresswayClusters(orgId: string): Promise<ExpresswayCluster[]>;
  getExpresswayCluster(orgId: string, clusterId: string): Promise<ExpresswayCluster | undefined>;
  /** Nodes of one cluster, or of the whole organization, ordered by hostname. */
  listNodes(orgId: string, clusterId?: string): Promise<ConnectorNode[]>;
  /** IM&P clusters of the organization, or those configured on one Expressway cluster. */
  listImpClusters(orgId: string, expresswayClusterId?: string): Promise<ImpCluster[]>;
  listImpNodes(orgId: string, impClusterIds?: readonly string[]): Promise<ImpNode[]>;
  listPresenceRedundancyGroups(
    orgId: string,
    impClusterIds?: readonly string[],
  ): Promise<PresenceRedundancyGroup[]>;

  // --- on-premises directory ---
  /** Directory entries whose mailid equals `mailid` (case-insensitive), in any IM&P cluster. */
  findDirectoryEntriesByMailid(orgId: string, mailid: string): Promise<DirectoryEntry[]>;
  /** Directory entries whose userid equals `userid`, in any IM&P cluster. */
  findDirectoryEntriesByUserid(orgId: string, userid: string): Promise<DirectoryEntry[]>;
  /** How many directory entries are homed on these IM&P clusters. */
  countDirectoryEntries(orgId: string, impClusterIds: readonly string[]): Promise<number>;
  findJidAccount(orgId: string, jid: string): Promise<JidAccount | undefined>;
  /**
   * Batch lookup for activation: entries whose mailid equals one of `mailids` (case-insensitive)
   * or whose userid equals one of `userids`, in any IM&P cluster, each entry once.
   */
  findDirectoryEntries(
    orgId: string,
    keys: { mailids: readonly string[]; userids: readonly string[] },
  ): Promise<DirectoryEntry[]>;
  /** The JID accounts among `jids` that exist. */
  findJidAccounts(orgId: string, jids: readonly string[]): Promise<JidAccount[]>;

  // --- users ---
  listUsers(orgId: string, query: UserQuery): Promise<UserPage>;
  getUser(orgId: string, userId: string): Promise<UserView | undefined>;
  /** The users among `userIds` that exist in the organization (any order). */
  getUsers(orgId: string, userIds: readonly string[]): Promise<CloudUser[]>;
  /**
   * Ids of every user matching the filter (all pages), in id order: the selection of a bulk job
   * "for all users matching this filter". Same matching rules as `listUsers`.
   */
  listUserIds(orgId: string, filter: Pick<UserQuery, 'q' | 'status'>): Promise<string[]>;
  /** Users per connector node (assigned users only), for every node of the organization. */
  countUsersByNode(orgId: string): Promise<Map<string, number>>;
  /** Users per status, for the whole organization. */
  countUsersByStatus(orgId: string): Promise<Record<UserStatus, number>>;
  /**
   * Assigned users of one Expressway cluster grouped by home IM&P node, split by activity:
   * `active` = last activity at or after `activeSince`.
   */
  countAssignedUsersByHomeNode(
    orgId: string,
    clusterId: string,
    activeSince: number,
  ): Promise<Map<string, { enabled: number; active: number }>>;
  /**
   * Up to `limit` users of the organization whose `dueAt` is at or before `now` (the
   * organization's own time: see getClockOffsets), oldest first (then by id).
   */
  listDueUsers(orgId: string, now: number, limit: number): Promise<CloudUser[]>;
  /**
   * Up to `limit` users assigned to this connector node, in id order: the next ones a node
   * entering maintenance mode moves (indexed, so a batch costs its own size, not the node's).
   */
  listUsersOnNode(orgId: string, nodeId: string, limit: number): Promise<CloudUser[]>;
  /**
   * The organization's users with the Message Service switched on (any status), and of them the
   * active ones (last activity at or after `activeSince`): the Overview's activity totals.
   */
  countUserActivity(
    orgId: string,
    activeSince: number,
  ): Promise<{ enabled: number; active: number }>;

  // --- bulk jobs ---
  /** Stores a new job and its items (one per user, `seq` from 0, state `queued`). */
  insertJob(job: JobRecord, userIds: readonly string[]): Promise<void>;
  getJob(orgId: string, jobId: string): Promise<JobRecord | undefined>;
  updateJob(job: JobRecord): Promise<void>;
  /** Jobs not yet `completed`, of every organization, oldest first. */
  listUnfinishedJobs(): Promise<JobRecord[]>;
  /** Up to `limit` items of the job in this state with a `seq` above `afterSeq`, in `seq` order. */
  listJobItems(
    jobId: string,
    state: JobItemState,
    limit: number,
    afterSeq?: number,
  ): Promise<JobItem[]>;
  /**
   * Up to `limit` `waiting` items with a `seq` above `afterSeq`, in `seq` order, each with its
   * user's status as it is now (undefined when the job's organization has no such user): what
   * settling an item needs, without reading the whole user.
   */
  listWaitingJobItems(jobId: string, afterSeq: number, limit: number): Promise<WaitingJobItem[]>;
  /** Writes the items' `state`, `code` and `message` (matched by jobId + seq). */
  updateJobItems(items: readonly JobItem[]): Promise<void>;
  /** The job's `failed` items in `seq` order, paged, with the user (display name, email, status). */
  listJobFailures(
    orgId: string,
    jobId: string,
    page: PageRequest,
  ): Promise<Paged<{ item: JobItem; user: CloudUser | undefined }>>;

  // --- events (the outbox: written in the same transaction as the change they announce) ---
  /** Appends events; each gets the next `seq` (strictly increasing across the whole store). */
  appendEvents(orgId: string, at: number, events: readonly HubEvent[]): Promise<void>;
  /** The organization's events with `seq` > `afterSeq`, oldest first, at most `limit`. */
  listEventsSince(orgId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /** The highest `seq` stored for the organization (0 when none). */
  lastEventSeq(orgId: string): Promise<number>;
  /** Deletes events older than `before` (ms); returns how many. */
  pruneEvents(before: number): Promise<number>;

  // --- history ---
  /** A user's history, newest first. */
  listHistory(orgId: string, userId: string, page: PageRequest): Promise<Paged<HistoryEntry>>;

  // --- writes ---
  insertOrganization(org: Organization): Promise<void>;
  insertDeployment(deployment: DeploymentRows): Promise<void>;
  insertDirectoryEntries(entries: readonly DirectoryEntry[]): Promise<void>;
  insertJidAccounts(accounts: readonly JidAccount[]): Promise<void>;
  insertUsers(users: readonly CloudUser[]): Promise<void>;
  /**
   * Writes a changed user if its stored `version` still equals `expectedVersion`, storing
   * `user.version` (the caller bumps it). Returns false when someone else changed it first.
   */
  updateUser(user: CloudUser, expectedVersion: number): Promise<boolean>;
  /**
   * `updateUser` for many users, in order: each `after` is written only if the stored version
   * still equals `before.version` (`before` is the user as the caller read it, `after` carries
   * the bumped version and the same organization and id). A store may write only the fields that
   * differ between the two. Returns, per change, whether it was written. A user may appear more
   * than once: each change then expects the version the one before it wrote.
   */
  updateUsers(changes: readonly UserWrite[]): Promise<boolean[]>;
  updateNode(node: ConnectorNode, expectedRevision: number): Promise<boolean>;
  appendHistory(entries: readonly HistoryEntry[]): Promise<void>;

  // --- lab (simulation controls) ---
  updateDirectoryEntry(entry: DirectoryEntry): Promise<void>;
  deleteDirectoryEntry(orgId: string, entryId: string): Promise<void>;
  deleteJidAccount(orgId: string, jid: string): Promise<void>;

  // --- IM&P failover and rediscovery, alarms, the simulation clock ---
  /**
   * Up to `limit` Message Service sessions on an IM&P node (see SessionFilter), in no particular
   * order: the next ones a failover or fallback moves.
   */
  listSessions(orgId: string, filter: SessionFilter, limit: number): Promise<CloudUser[]>;
  countSessions(orgId: string, filter: SessionFilter): Promise<number>;
  /** Directory entries per home IM&P node, for the whole organization. */
  countDirectoryEntriesByHomeNode(orgId: string): Promise<Map<string, number>>;
  /** Writes an IM&P node (matched by organization and id). */
  updateImpNode(node: ImpNode): Promise<void>;
  insertImpNode(node: ImpNode): Promise<void>;
  deleteImpNode(orgId: string, impNodeId: string): Promise<void>;
  updatePresenceRedundancyGroup(group: PresenceRedundancyGroup): Promise<void>;
  /** Every open alarm of the organization (a handful: one per condition). */
  listOpenAlarms(orgId: string): Promise<AlarmRecord[]>;
  /** Alarms in one state, most severe first, then newest (`firstSeen`) first, then by id. */
  listAlarms(orgId: string, filter: AlarmFilter, page: PageRequest): Promise<Paged<AlarmRecord>>;
  /** Open alarms per Expressway cluster. */
  countOpenAlarmsByCluster(orgId: string): Promise<Map<string, number>>;
  insertAlarms(alarms: readonly AlarmRecord[]): Promise<void>;
  /** Rewrites alarms (matched by organization and id). */
  updateAlarms(alarms: readonly AlarmRecord[]): Promise<void>;
  /**
   * How far the Lab has fast-forwarded each organization's simulation clock (ms), for the
   * organizations it has fast-forwarded (the others run on the real clock: 0). Per organization,
   * so one organization's fast-forward moves no other's time; in the store, so every replica
   * sharing it runs the same simulated time. The map is the caller's.
   */
  getClockOffsets(): Promise<Map<string, number>>;
  /**
   * Adds `byMs` (> 0) to the organization's offset and answers the new offset. One write that
   * reads and adds, so two replicas fast-forwarding at once both count and the offset only
   * ever grows.
   */
  advanceClockOffset(orgId: string, byMs: number): Promise<number>;
}

/** One user's change as `updateUsers` writes it. */
export interface UserWrite {
  before: CloudUser;
  after: CloudUser;
}

/**
 * The Message Service sessions on an IM&P node: users assigned to a connector node of
 * `clusterId` (the Expressway cluster the node's IM&P cluster is configured on) whose session
 * is served by `impNodeId` (`CloudUser.homeImpNodeId`). With `directoryHomeImpNodeId`, only
 * those whose home directory entry (the one whose mailid equals the email, any case) is homed on
 * that node: the sessions a fallback brings back.
 */
export interface SessionFilter {
  clusterId: string;
  impNodeId: string;
  directoryHomeImpNodeId?: string;
}

export interface DeploymentRows {
  expresswayClusters: readonly ExpresswayCluster[];
  nodes: readonly ConnectorNode[];
  impClusters: readonly ImpCluster[];
  impNodes: readonly ImpNode[];
  presenceRedundancyGroups: readonly PresenceRedundancyGroup[];
}

export interface PageRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface UserQuery extends PageRequest {
  /** The users search: any part of name or email (see parseUserSearch, search-terms.ts). */
  q?: string;
  status?: UserStatus;
  sort: { field: UserSortField; direction: 'asc' | 'desc' };
  /** Keyset cursor from a previous page; when set, `page` is not used to find rows. */
  cursor?: string;
}

export interface UserPage extends Paged<UserView> {
  nextCursor: string | null;
  prevCursor: string | null;
}
