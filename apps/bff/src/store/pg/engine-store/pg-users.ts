import { USER_STATUSES, type UserStatus } from '@hybrid-hub/contract';
import type {
  CloudUser,
  HistoryEntry,
  Paged,
  PageRequest,
  UserPage,
  UserQuery,
  UsersPort,
  UserView,
  UserWrite,
} from '@hybrid-hub/engine';
import type { PgQueryable } from '../pg-queryable.ts';
import { PgUserList } from './pg-user-list.ts';
import {
  toCloudUser,
  toUserView,
  USER_SELECT,
  USER_VIEW_JOINS,
  USER_VIEW_SELECT,
  type PgUserRow,
  type PgUserViewRow,
} from './pg-user-rows.ts';
import { insertUsers, updateUsers } from './pg-user-writes.ts';

/** Users on PostgreSQL (migration 2): the list (pg-user-list.ts), counts, due work and history. */
export class PgUsers implements UsersPort {
  readonly #sql: PgQueryable;
  readonly #list: PgUserList;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
    this.#list = new PgUserList(sql);
  }

  listUsers(orgId: string, query: UserQuery): Promise<UserPage> {
    return this.#list.list(orgId, query);
  }

  /** The plans of the statements listUsers runs for this query (tests: pg-users.test.ts). */
  explainListUsers(orgId: string, query: UserQuery, analyze = false): Promise<string[]> {
    return this.#list.explain(orgId, query, analyze);
  }

  async getUser(orgId: string, userId: string): Promise<UserView | undefined> {
    const { rows } = await this.#sql.query<PgUserViewRow>(
      `${USER_VIEW_SELECT} FROM users u ${USER_VIEW_JOINS} WHERE u.org_id = $1 AND u.id = $2`,
      [orgId, userId],
    );
    return rows[0] && toUserView(rows[0]);
  }

  getUsers(orgId: string, userIds: readonly string[]): Promise<CloudUser[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.#users('u.org_id = $1 AND u.id = ANY($2::text[])', [orgId, [...userIds]]);
  }

  listUserIds(orgId: string, filter: Pick<UserQuery, 'q' | 'status'>): Promise<string[]> {
    return this.#list.ids(orgId, filter);
  }

  async countUsersByNode(orgId: string): Promise<Map<string, number>> {
    const { rows } = await this.#sql.query<{ node_id: string; n: number }>(
      'SELECT node_id, n FROM user_node_counts WHERE org_id = $1 AND n > 0',
      [orgId],
    );
    return new Map(rows.map((row) => [row.node_id, row.n]));
  }

  async countUsersByStatus(orgId: string): Promise<Record<UserStatus, number>> {
    const { rows } = await this.#sql.query<{ status_rank: number; n: number }>(
      'SELECT status_rank, n FROM user_status_counts WHERE org_id = $1',
      [orgId],
    );
    const n = new Map(rows.map((row) => [row.status_rank, row.n]));
    return Object.fromEntries(
      USER_STATUSES.map((status, rank) => [status, n.get(rank) ?? 0]),
    ) as Record<UserStatus, number>;
  }

  async countAssignedUsersByHomeNode(
    orgId: string,
    clusterId: string,
    activeSince: number,
  ): Promise<Map<string, { enabled: number; active: number }>> {
    // One walk of the cluster's range of users_by_cluster_home_node (it holds every column read).
    const { rows } = await this.#sql.query<{ home: string; enabled: number; active: number }>(
      `SELECT home_imp_node_id AS home, count(*) AS enabled,
         count(*) FILTER (WHERE activity_key >= $3) AS active
       FROM users WHERE org_id = $1 AND cluster_id = $2 AND home_imp_node_id IS NOT NULL
       GROUP BY home_imp_node_id`,
      [orgId, clusterId, activeSince],
    );
    return new Map(rows.map((row) => [row.home, { enabled: row.enabled, active: row.active }]));
  }

  listDueUsers(orgId: string, now: number, limit: number): Promise<CloudUser[]> {
    // A range of users_due walked in order: LIMIT stops it however many users are due.
    return this.#users(
      'u.org_id = $1 AND u.due_at IS NOT NULL AND u.due_at <= $2 ORDER BY u.due_at, u.id LIMIT $3',
      [orgId, now, Math.max(0, limit)],
    );
  }

  listUsersOnNode(orgId: string, nodeId: string, limit: number): Promise<CloudUser[]> {
    // A range of users_by_node: LIMIT stops the walk, however many users the node holds.
    return this.#users('u.org_id = $1 AND u.node_id = $2 ORDER BY u.id LIMIT $3', [
      orgId,
      nodeId,
      Math.max(0, limit),
    ]);
  }

  async countUserActivity(
    orgId: string,
    activeSince: number,
  ): Promise<{ enabled: number; active: number }> {
    // Both from the partial index users_enabled_by_activity, one range of it.
    const { rows } = await this.#sql.query<{ enabled: number; active: number }>(
      `SELECT count(*) AS enabled, count(*) FILTER (WHERE activity_key >= $2) AS active
       FROM users WHERE org_id = $1 AND message_service_enabled`,
      [orgId, activeSince],
    );
    return rows[0] ?? { enabled: 0, active: 0 };
  }

  insertUsers(users: readonly CloudUser[]): Promise<void> {
    return insertUsers(this.#sql, users);
  }

  async updateUser(user: CloudUser, expectedVersion: number): Promise<boolean> {
    const [written] = await updateUsers(this.#sql, [
      { before: undefined, after: user, expectedVersion },
    ]);
    return written ?? false;
  }

  updateUsers(changes: readonly UserWrite[]): Promise<boolean[]> {
    return updateUsers(
      this.#sql,
      changes.map(({ before, after }) => ({ before, after, expectedVersion: before.version })),
    );
  }

  async listHistory(
    orgId: string,
    userId: string,
    page: PageRequest,
  ): Promise<Paged<HistoryEntry>> {
    const { rows: counted } = await this.#sql.query<{ n: number }>(
      'SELECT count(*) AS n FROM history WHERE org_id = $1 AND user_id = $2',
      [orgId, userId],
    );
    const { rows } = await this.#sql.query<HistoryEntry>(
      `SELECT org_id AS "orgId", id, user_id AS "userId", at, actor, from_status AS "fromStatus",
         to_status AS "toStatus", code, message, cluster_id AS "clusterId", node_id AS "nodeId"
       FROM history WHERE org_id = $1 AND user_id = $2
       ORDER BY at DESC, pk DESC LIMIT $3 OFFSET $4`,
      [orgId, userId, page.pageSize, (page.page - 1) * page.pageSize],
    );
    return { items: rows, total: counted[0]?.n ?? 0 };
  }

  async appendHistory(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <T>(value: (h: HistoryEntry) => T) => entries.map(value);
    // One statement for the batch; WITH ORDINALITY keeps the entries' order in `pk`, which breaks
    // ties of `at` (the newest first).
    await this.#sql.query(
      `INSERT INTO history
         (org_id, id, user_id, at, actor, from_status, to_status, code, message, cluster_id, node_id)
       SELECT org_id, id, user_id, at, actor, from_status, to_status, code, message, cluster_id, node_id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
         WITH ORDINALITY AS h(org_id, id, user_id, at, actor, from_status, to_status, code, message,
           cluster_id, node_id, ord)
       ORDER BY ord`,
      [
        column((h) => h.orgId),
        column((h) => h.id),
        column((h) => h.userId),
        column((h) => h.at),
        column((h) => h.actor),
        column((h) => h.fromStatus),
        column((h) => h.toStatus),
        column((h) => h.code),
        column((h) => h.message),
        column((h) => h.clusterId),
        column((h) => h.nodeId),
      ],
    );
  }

  async #users(where: string, values: unknown[]): Promise<CloudUser[]> {
    const { rows } = await this.#sql.query<PgUserRow>(
      `${USER_SELECT} FROM users u WHERE ${where}`,
      values,
    );
    return rows.map(toCloudUser);
  }
}
