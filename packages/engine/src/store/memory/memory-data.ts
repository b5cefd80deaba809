import { USER_STATUSES, type UserStatus } from '@hybrid-hub/contract';
import type {
  ConnectorNode,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  Organization,
  PresenceRedundancyGroup,
} from '../../model/deployment.ts';
import type { CloudUser, HistoryEntry, UserView } from '../../model/user.ts';
import type {
  DeploymentRows,
  PageRequest,
  Paged,
  UserPage,
  UserQuery,
  UserWrite,
} from '../store.ts';
import { UserTable } from './memory-user-table.ts';
import { assertNew, copy, OrgTables, type MemoryHost } from './memory-tables.ts';
import { MemoryDirectory } from './memory-directory.ts';
import { MemoryJobs } from './memory-jobs.ts';
import { MemoryEvents } from './memory-events.ts';
import { MemoryAlarms } from './memory-alarms.ts';
import { copyImpNode, MemorySimulation } from './memory-simulation.ts';
import type { SyncAreas, SyncPort } from '../embedded.ts';
import type { DeploymentPort } from '../deployment-port.ts';
import type { UsersPort } from '../users-port.ts';

const NO_USERS = new UserTable();
const byText =
  <T>(key: (row: T) => string) =>
  (a: T, b: T) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
const byNameThenId = byText<{ name: string; id: string }>((row) => `${row.name}\u0000${row.id}`);

/**
 * The in-memory tables and every Store operation on them, synchronous (the directory, jobs and
 * events through `directory`, `jobs` and `events`). Writes made while a transaction is open record how to undo
 * themselves, so a failed transaction rolls back.
 * Rows are copied in and out: callers can never change stored rows by mutating what they hold.
 */
export class MemoryData implements SyncPort<DeploymentPort>, SyncPort<UsersPort> {
  readonly #orgs = new Map<string, OrgTables>();
  /** Undo steps of the open transaction, newest last; null when none is open. */
  #undo: (() => void)[] | null = null;
  readonly #host: MemoryHost = {
    onUndo: (step) => this.#onUndo(step),
    tables: (orgId) => this.#tables(orgId),
    writable: (orgId) => this.#writable(orgId),
  };
  readonly directory = new MemoryDirectory(this.#host);
  readonly jobs = new MemoryJobs(this.#host);
  readonly events = new MemoryEvents(this.#host);
  readonly simulation = new MemorySimulation(this.#host);
  readonly alarms = new MemoryAlarms(this.#host);
  /** The store's areas: deployment and users here, the others in their own classes. */
  readonly areas: SyncAreas = {
    deployment: this,
    users: this,
    directory: this.directory,
    jobs: this.jobs,
    events: this.events,
    simulation: this.simulation,
    alarms: this.alarms,
  };

  // --- transactions ---

  begin(): void {
    this.#undo = [];
  }
  /** How far the undo log goes now: a nested transaction rolls back to this mark. */
  mark(): number {
    return this.#undo?.length ?? 0;
  }
  rollbackTo(mark: number): void {
    const undo = this.#undo ?? [];
    while (undo.length > mark) undo.pop()!();
  }
  end(commit: boolean): void {
    if (!commit) this.rollbackTo(0);
    this.#undo = null;
  }
  #onUndo(step: () => void): void {
    this.#undo?.push(step);
  }

  #tables(orgId: string): OrgTables | undefined {
    return this.#orgs.get(orgId);
  }
  #writable(orgId: string): OrgTables {
    const tables = this.#orgs.get(orgId);
    if (!tables) throw new Error(`organization ${orgId} does not exist`);
    return tables;
  }

  // --- organizations and deployment ---

  listOrganizations(): Organization[] {
    return [...this.#orgs.values()].map((t) => copy(t.org)).sort(byText((o) => o.id));
  }
  getOrganization(orgId: string): Organization | undefined {
    const tables = this.#tables(orgId);
    return tables && copy(tables.org);
  }
  listExpresswayClusters(orgId: string): ExpresswayCluster[] {
    return [...(this.#tables(orgId)?.clusters.values() ?? [])].map(copy).sort(byNameThenId);
  }
  getExpresswayCluster(orgId: string, clusterId: string): ExpresswayCluster | undefined {
    const cluster = this.#tables(orgId)?.clusters.get(clusterId);
    return cluster && copy(cluster);
  }
  listNodes(orgId: string, clusterId?: string): ConnectorNode[] {
    return [...(this.#tables(orgId)?.nodes.values() ?? [])]
      .filter((node) => clusterId === undefined || node.clusterId === clusterId)
      .map(copy)
      .sort(byText((n) => `${n.hostname}\u0000${n.id}`));
  }
  listImpClusters(orgId: string, expresswayClusterId?: string): ImpCluster[] {
    return [...(this.#tables(orgId)?.impClusters.values() ?? [])]
      .filter(
        (c) => expresswayClusterId === undefined || c.expresswayClusterId === expresswayClusterId,
      )
      .map(copy)
      .sort(byNameThenId);
  }
  listImpNodes(orgId: string, impClusterIds?: readonly string[]): ImpNode[] {
    const wanted = impClusterIds && new Set(impClusterIds);
    return [...(this.#tables(orgId)?.impNodes.values() ?? [])]
      .filter((node) => !wanted || wanted.has(node.impClusterId))
      .map(copyImpNode)
      .sort(byText((n) => `${n.address}\u0000${n.id}`));
  }
  listPresenceRedundancyGroups(
    orgId: string,
    impClusterIds?: readonly string[],
  ): PresenceRedundancyGroup[] {
    const wanted = impClusterIds && new Set(impClusterIds);
    return [...(this.#tables(orgId)?.groups.values() ?? [])]
      .filter((group) => !wanted || wanted.has(group.impClusterId))
      .map(copy)
      .sort(byNameThenId);
  }

  // --- users ---

  listUsers(orgId: string, query: UserQuery): UserPage {
    const tables = this.#tables(orgId);
    // An unknown organization lists nothing, but its query is still checked (e.g. the cursor).
    return (tables?.users ?? NO_USERS).list(query, (user) => this.#view(tables!, user));
  }
  getUser(orgId: string, userId: string): UserView | undefined {
    const tables = this.#tables(orgId);
    const user = tables?.users.get(userId);
    return tables && user && this.#view(tables, user);
  }
  #view(tables: OrgTables, user: CloudUser): UserView {
    return {
      ...user,
      clusterName: (user.clusterId !== null && tables.clusters.get(user.clusterId)?.name) || null,
      nodeHostname: (user.nodeId !== null && tables.nodes.get(user.nodeId)?.hostname) || null,
    };
  }
  getUsers(orgId: string, userIds: readonly string[]): CloudUser[] {
    const users = this.#tables(orgId)?.users;
    return [...new Set(userIds)].flatMap((id) => {
      const user = users?.get(id);
      return user ? [copy(user)] : [];
    });
  }
  listUserIds(orgId: string, filter: Pick<UserQuery, 'q' | 'status'>): string[] {
    return (this.#tables(orgId)?.users ?? NO_USERS).ids(filter);
  }
  countUsersByNode(orgId: string): Map<string, number> {
    return this.#tables(orgId)?.users.countByNode() ?? new Map<string, number>();
  }
  countUsersByStatus(orgId: string): Record<UserStatus, number> {
    const counts = Object.fromEntries(USER_STATUSES.map((s) => [s, 0])) as Record<
      UserStatus,
      number
    >;
    for (const user of this.#tables(orgId)?.users.users() ?? []) counts[user.status]++;
    return counts;
  }
  countAssignedUsersByHomeNode(
    orgId: string,
    clusterId: string,
    activeSince: number,
  ): Map<string, { enabled: number; active: number }> {
    const counts = new Map<string, { enabled: number; active: number }>();
    for (const user of this.#tables(orgId)?.users.users() ?? []) {
      if (user.clusterId !== clusterId || user.homeImpNodeId === null) continue;
      let count = counts.get(user.homeImpNodeId);
      if (!count) counts.set(user.homeImpNodeId, (count = { enabled: 0, active: 0 }));
      count.enabled++;
      if (user.lastActivityAt !== null && user.lastActivityAt >= activeSince) count.active++;
    }
    return counts;
  }
  listDueUsers(orgId: string, now: number, limit: number): CloudUser[] {
    const due: CloudUser[] = [];
    for (const user of this.#tables(orgId)?.users.dueUsers() ?? [])
      if (user.dueAt! <= now) due.push(user);
    due.sort((a, b) => a.dueAt! - b.dueAt! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return due.slice(0, Math.max(0, limit)).map(copy);
  }

  listUsersOnNode(orgId: string, nodeId: string, limit: number): CloudUser[] {
    const users = this.#tables(orgId)?.users;
    return users ? users.onNode(nodeId, limit).map(copy) : [];
  }
  countUserActivity(orgId: string, activeSince: number): { enabled: number; active: number } {
    const counts = { enabled: 0, active: 0 };
    for (const user of this.#tables(orgId)?.users.users() ?? []) {
      if (!user.messageServiceEnabled) continue;
      counts.enabled++;
      if (user.lastActivityAt !== null && user.lastActivityAt >= activeSince) counts.active++;
    }
    return counts;
  }

  // --- history ---

  listHistory(orgId: string, userId: string, page: PageRequest): Paged<HistoryEntry> {
    const entries = this.#tables(orgId)?.history.get(userId) ?? [];
    // Newest first; entries at the same time newest-inserted first.
    const newestFirst = entries
      .map((entry, order) => ({ entry, order }))
      .sort((a, b) => b.entry.at - a.entry.at || b.order - a.order);
    const start = (page.page - 1) * page.pageSize;
    return {
      items: newestFirst.slice(start, start + page.pageSize).map(({ entry }) => copy(entry)),
      total: entries.length,
    };
  }

  // --- writes ---

  insertOrganization(org: Organization): void {
    if (this.#orgs.has(org.id)) throw new Error(`organization ${org.id} already exists`);
    this.#orgs.set(org.id, new OrgTables(copy(org)));
    this.#onUndo(() => this.#orgs.delete(org.id));
  }

  insertDeployment(deployment: DeploymentRows): void {
    const parts: [
      readonly { orgId: string; id: string }[],
      (t: OrgTables) => Map<string, object>,
    ][] = [
      [deployment.expresswayClusters, (t) => t.clusters],
      [deployment.nodes, (t) => t.nodes],
      [deployment.impClusters, (t) => t.impClusters],
      [deployment.impNodes, (t) => t.impNodes],
      [deployment.presenceRedundancyGroups, (t) => t.groups],
    ];
    // Check everything first: the insert is all or nothing.
    for (const [rows, table] of parts) assertNew(rows, (row) => table(this.#writable(row.orgId)));
    for (const [rows, table] of parts) {
      for (const row of rows) table(this.#writable(row.orgId)).set(row.id, copy(row));
      this.#onUndo(() => rows.forEach((row) => table(this.#writable(row.orgId)).delete(row.id)));
    }
  }

  insertUsers(users: readonly CloudUser[]): void {
    assertNew(users, (user) => this.#writable(user.orgId).users);
    for (const user of users) this.#writable(user.orgId).users.set(copy(user));
    this.#onUndo(() => users.forEach((user) => this.#writable(user.orgId).users.delete(user.id)));
  }

  updateUser(user: CloudUser, expectedVersion: number): boolean {
    const table = this.#tables(user.orgId)?.users;
    const stored = table?.get(user.id);
    if (!table || !stored || stored.version !== expectedVersion) return false;
    table.set(copy(user));
    this.#onUndo(() => table.set(stored));
    return true;
  }

  updateUsers(changes: readonly UserWrite[]): boolean[] {
    return changes.map(({ before, after }) => this.updateUser(after, before.version));
  }

  updateNode(node: ConnectorNode, expectedRevision: number): boolean {
    const nodes = this.#tables(node.orgId)?.nodes;
    const stored = nodes?.get(node.id);
    if (!nodes || !stored || stored.revision !== expectedRevision) return false;
    nodes.set(node.id, copy(node));
    this.#onUndo(() => nodes.set(node.id, stored));
    return true;
  }

  appendHistory(entries: readonly HistoryEntry[]): void {
    for (const entry of entries) this.#writable(entry.orgId);
    for (const entry of entries) {
      const history = this.#writable(entry.orgId).history;
      const list = history.get(entry.userId);
      if (list) list.push(copy(entry));
      else history.set(entry.userId, [copy(entry)]);
    }
    this.#onUndo(() => {
      for (const entry of [...entries].reverse()) {
        const history = this.#writable(entry.orgId).history;
        const list = history.get(entry.userId)!;
        list.pop();
        if (list.length === 0) history.delete(entry.userId);
      }
    });
  }
}
