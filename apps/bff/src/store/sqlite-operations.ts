import type { UserStatus } from '@hybrid-hub/contract';
import { USER_STATUSES } from '@hybrid-hub/contract';
import type {
  CloudUser,
  ConnectorNode,
  DeploymentRows,
  DirectoryEntry,
  ExpresswayCluster,
  HistoryEntry,
  ImpCluster,
  ImpNode,
  JidAccount,
  Organization,
  PageRequest,
  Paged,
  PresenceRedundancyGroup,
  Store,
  UserPage,
  UserQuery,
  UserView,
} from '@hybrid-hub/engine';
import type Database from 'better-sqlite3';
import {
  CLUSTER_SELECT,
  clusterParams,
  DIRECTORY_SELECT,
  directoryParams,
  GROUP_SELECT,
  groupParams,
  HISTORY_SELECT,
  historyParams,
  IMP_CLUSTER_SELECT,
  IMP_NODE_SELECT,
  impClusterParams,
  impNodeParams,
  insertSql,
  jidParams,
  NODE_SELECT,
  nodeParams,
  toGroup,
  toImpCluster,
  toImpNode,
} from './deployment-rows.ts';
import { UserLister } from './user-list.ts';
import {
  toCloudUser,
  toUserView,
  USER_COLUMNS,
  USER_VIEW_JOINS,
  USER_VIEW_SELECT,
  userParams,
  type UserRow,
} from './user-rows.ts';

type StoreMethods = Omit<Store, 'transaction' | 'close'>;

/** The Store's methods, synchronous: what better-sqlite3 really does under the async port. */
export type SyncStore = {
  [K in keyof StoreMethods]: (
    ...args: Parameters<StoreMethods[K]>
  ) => Awaited<ReturnType<StoreMethods[K]>>;
};

/** Every method name of the port, checked complete by the compiler. */
export const STORE_METHODS = Object.keys({
  listOrganizations: 1,
  getOrganization: 1,
  listExpresswayClusters: 1,
  getExpresswayCluster: 1,
  listNodes: 1,
  listImpClusters: 1,
  listImpNodes: 1,
  listPresenceRedundancyGroups: 1,
  findDirectoryEntriesByMailid: 1,
  findDirectoryEntriesByUserid: 1,
  countDirectoryEntries: 1,
  findJidAccount: 1,
  listUsers: 1,
  getUser: 1,
  countUsersByNode: 1,
  countUsersByStatus: 1,
  countAssignedUsersByHomeNode: 1,
  listDueUsers: 1,
  listHistory: 1,
  insertOrganization: 1,
  insertDeployment: 1,
  insertDirectoryEntries: 1,
  insertJidAccounts: 1,
  insertUsers: 1,
  updateUser: 1,
  updateNode: 1,
  appendHistory: 1,
} satisfies Record<keyof SyncStore, 1>) as (keyof SyncStore)[];

/** Id lists travel as one JSON parameter (`IN (SELECT value FROM json_each(?))`): one statement for any length. */
const ids = (list: readonly string[]) => JSON.stringify(list);

export class SqliteOperations implements SyncStore {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #users: UserLister;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#users = new UserLister(db);
  }

  /** Prepared once, then reused: preparing costs more than running most of these. */
  #sql(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #all<T>(sql: string, ...params: unknown[]): T[] {
    return this.#sql(sql).all(...params) as T[];
  }

  #get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.#sql(sql).get(...params) as T | undefined;
  }

  /** Runs `write` atomically; inside an open transaction better-sqlite3 makes it a savepoint. */
  /**
   * Makes a bulk write all-or-nothing. Inside an open transaction it runs as is: a SAVEPOINT per
   * call would make the demo seed's bulk inserts three times slower (measured), and a failed write
   * inside a transaction makes the whole transaction roll back anyway.
   */
  #atomically(write: () => void): void {
    if (this.#db.inTransaction) write();
    else this.#db.transaction(write)();
  }

  // --- organizations and deployment ---

  listOrganizations(): Organization[] {
    return this.#all('SELECT id, name FROM organizations ORDER BY id');
  }

  getOrganization(orgId: string): Organization | undefined {
    return this.#get('SELECT id, name FROM organizations WHERE id = ?', orgId);
  }

  listExpresswayClusters(orgId: string): ExpresswayCluster[] {
    return this.#all(`${CLUSTER_SELECT} WHERE org_id = ? ORDER BY name, id`, orgId);
  }

  getExpresswayCluster(orgId: string, clusterId: string): ExpresswayCluster | undefined {
    return this.#get(`${CLUSTER_SELECT} WHERE org_id = ? AND id = ?`, orgId, clusterId);
  }

  listNodes(orgId: string, clusterId?: string): ConnectorNode[] {
    return clusterId === undefined
      ? this.#all(`${NODE_SELECT} WHERE org_id = ? ORDER BY hostname, id`, orgId)
      : this.#all(
          `${NODE_SELECT} WHERE org_id = ? AND cluster_id = ? ORDER BY hostname, id`,
          orgId,
          clusterId,
        );
  }

  listImpClusters(orgId: string, expresswayClusterId?: string): ImpCluster[] {
    const rows =
      expresswayClusterId === undefined
        ? this.#all<Parameters<typeof toImpCluster>[0]>(
            `${IMP_CLUSTER_SELECT} WHERE org_id = ? ORDER BY name, id`,
            orgId,
          )
        : this.#all<Parameters<typeof toImpCluster>[0]>(
            `${IMP_CLUSTER_SELECT} WHERE org_id = ? AND expressway_cluster_id = ? ORDER BY name, id`,
            orgId,
            expresswayClusterId,
          );
    return rows.map(toImpCluster);
  }

  listImpNodes(orgId: string, impClusterIds?: readonly string[]): ImpNode[] {
    const rows =
      impClusterIds === undefined
        ? this.#all<Parameters<typeof toImpNode>[0]>(
            `${IMP_NODE_SELECT} WHERE org_id = ? ORDER BY address, id`,
            orgId,
          )
        : this.#all<Parameters<typeof toImpNode>[0]>(
            `${IMP_NODE_SELECT} WHERE org_id = ? AND imp_cluster_id IN (SELECT value FROM json_each(?)) ORDER BY address, id`,
            orgId,
            ids(impClusterIds),
          );
    return rows.map(toImpNode);
  }

  listPresenceRedundancyGroups(
    orgId: string,
    impClusterIds?: readonly string[],
  ): PresenceRedundancyGroup[] {
    const rows =
      impClusterIds === undefined
        ? this.#all<Parameters<typeof toGroup>[0]>(
            `${GROUP_SELECT} WHERE org_id = ? ORDER BY name, id`,
            orgId,
          )
        : this.#all<Parameters<typeof toGroup>[0]>(
            `${GROUP_SELECT} WHERE org_id = ? AND imp_cluster_id IN (SELECT value FROM json_each(?)) ORDER BY name, id`,
            orgId,
            ids(impClusterIds),
          );
    return rows.map(toGroup);
  }

  // --- on-premises directory ---

  findDirectoryEntriesByMailid(orgId: string, mailid: string): DirectoryEntry[] {
    return this.#all(
      `${DIRECTORY_SELECT} WHERE org_id = ? AND mailid_key = ? ORDER BY pk`,
      orgId,
      mailid.toLowerCase(),
    );
  }

  findDirectoryEntriesByUserid(orgId: string, userid: string): DirectoryEntry[] {
    return this.#all(
      `${DIRECTORY_SELECT} WHERE org_id = ? AND userid = ? ORDER BY pk`,
      orgId,
      userid,
    );
  }

  countDirectoryEntries(orgId: string, impClusterIds: readonly string[]): number {
    return this.#sql(
      `SELECT coalesce(sum(n), 0) FROM directory_counts
       WHERE org_id = ? AND imp_cluster_id IN (SELECT value FROM json_each(?))`,
    )
      .pluck()
      .get(orgId, ids(impClusterIds)) as number;
  }

  findJidAccount(orgId: string, jid: string): JidAccount | undefined {
    return this.#get(
      'SELECT org_id AS orgId, jid, created_at AS createdAt FROM jid_accounts WHERE org_id = ? AND jid = ?',
      orgId,
      jid,
    );
  }

  // --- users ---

  listUsers(orgId: string, query: UserQuery): UserPage {
    return this.#users.list(orgId, query);
  }

  getUser(orgId: string, userId: string): UserView | undefined {
    const row = this.#get<UserRow>(
      `${USER_VIEW_SELECT} FROM users u ${USER_VIEW_JOINS} WHERE u.org_id = ? AND u.id = ?`,
      orgId,
      userId,
    );
    return row && toUserView(row);
  }

  countUsersByNode(orgId: string): Map<string, number> {
    const rows = this.#all<{ node_id: string; n: number }>(
      'SELECT node_id, n FROM user_node_counts WHERE org_id = ? AND n > 0',
      orgId,
    );
    return new Map(rows.map((row) => [row.node_id, row.n]));
  }

  countUsersByStatus(orgId: string): Record<UserStatus, number> {
    const rows = this.#all<{ status_rank: number; n: number }>(
      'SELECT status_rank, n FROM user_status_counts WHERE org_id = ?',
      orgId,
    );
    const counts = Object.fromEntries(USER_STATUSES.map((status) => [status, 0])) as Record<
      UserStatus,
      number
    >;
    for (const row of rows) {
      const status = USER_STATUSES[row.status_rank];
      if (status) counts[status] = row.n;
    }
    return counts;
  }

  countAssignedUsersByHomeNode(
    orgId: string,
    clusterId: string,
    activeSince: number,
  ): Map<string, { enabled: number; active: number }> {
    // One walk of the cluster's slice of users_by_cluster_home_node (a covering index).
    const rows = this.#all<{ home: string; enabled: number; active: number }>(
      `SELECT home_imp_node_id AS home, count(*) AS enabled, sum(activity_key >= ?) AS active
       FROM users WHERE org_id = ? AND cluster_id = ? AND home_imp_node_id IS NOT NULL
       GROUP BY home_imp_node_id`,
      activeSince,
      orgId,
      clusterId,
    );
    return new Map(rows.map((row) => [row.home, { enabled: row.enabled, active: row.active }]));
  }

  listDueUsers(now: number, limit: number): CloudUser[] {
    return this.#all<UserRow>(
      'SELECT * FROM users WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?',
      now,
      limit,
    ).map(toCloudUser);
  }

  // --- history ---

  listHistory(orgId: string, userId: string, page: PageRequest): Paged<HistoryEntry> {
    const total = this.#sql('SELECT count(*) FROM history WHERE org_id = ? AND user_id = ?')
      .pluck()
      .get(orgId, userId) as number;
    const items = this.#all<HistoryEntry>(
      `${HISTORY_SELECT} WHERE org_id = ? AND user_id = ? ORDER BY at DESC, pk DESC LIMIT ? OFFSET ?`,
      orgId,
      userId,
      page.pageSize,
      (page.page - 1) * page.pageSize,
    );
    return { items, total };
  }

  // --- writes ---

  insertOrganization(org: Organization): void {
    this.#sql('INSERT INTO organizations (id, name) VALUES (?, ?)').run(org.id, org.name);
  }

  insertDeployment(deployment: DeploymentRows): void {
    this.#atomically(() => {
      this.#insertAll('expressway_clusters', deployment.expresswayClusters.map(clusterParams));
      this.#insertAll('connector_nodes', deployment.nodes.map(nodeParams));
      this.#insertAll('imp_clusters', deployment.impClusters.map(impClusterParams));
      this.#insertAll(
        'presence_redundancy_groups',
        deployment.presenceRedundancyGroups.map(groupParams),
      );
      this.#insertAll('imp_nodes', deployment.impNodes.map(impNodeParams));
    });
  }

  insertDirectoryEntries(entries: readonly DirectoryEntry[]): void {
    this.#atomically(() => this.#insertAll('directory_entries', entries.map(directoryParams)));
  }

  insertJidAccounts(accounts: readonly JidAccount[]): void {
    this.#atomically(() => this.#insertAll('jid_accounts', accounts.map(jidParams)));
  }

  insertUsers(users: readonly CloudUser[]): void {
    const insert = this.#sql(insertSql('users', USER_COLUMNS));
    this.#atomically(() => {
      for (const user of users) insert.run(userParams(user));
    });
  }

  updateUser(user: CloudUser, expectedVersion: number): boolean {
    const assignments = USER_COLUMNS.filter((c) => c !== 'org_id' && c !== 'id').map(
      (c) => `${c} = @${c}`,
    );
    const result = this.#sql(
      `UPDATE users SET ${assignments.join(', ')} WHERE org_id = @org_id AND id = @id AND version = @expected_version`,
    ).run({ ...userParams(user), expected_version: expectedVersion });
    return result.changes === 1;
  }

  updateNode(node: ConnectorNode, expectedRevision: number): boolean {
    const params = nodeParams(node);
    const assignments = Object.keys(params)
      .filter((c) => c !== 'org_id' && c !== 'id')
      .map((c) => `${c} = @${c}`);
    const result = this.#sql(
      `UPDATE connector_nodes SET ${assignments.join(', ')}
       WHERE org_id = @org_id AND id = @id AND revision = @expected_revision`,
    ).run({ ...params, expected_revision: expectedRevision });
    return result.changes === 1;
  }

  appendHistory(entries: readonly HistoryEntry[]): void {
    this.#atomically(() => this.#insertAll('history', entries.map(historyParams)));
  }

  #insertAll(table: string, rows: readonly Record<string, unknown>[]): void {
    const first = rows[0];
    if (!first) return;
    const insert = this.#sql(insertSql(table, Object.keys(first)));
    for (const row of rows) insert.run(row);
  }
}
