import type { ActivationErrorCode, UserStatus } from '@hybrid-hub/contract';
import { statusRank, type CloudUser, type UserView } from '@hybrid-hub/engine';

/**
 * A user's columns from `users u` (migration 2), as the row → CloudUser mapping reads them. Other
 * areas joining `users` (the jobs' failures and waiting items) select these and map with
 * toCloudUser; a row without a user (a LEFT JOIN that found none) has `u_id` NULL.
 */
export const USER_SELECT_LIST = /* sql */ `u.org_id AS u_org_id, u.id AS u_id, u.email AS u_email,
  u.display_name AS u_display_name, u.entitled_hybrid_message AS u_entitled_hybrid_message,
  u.entitled_message_free AS u_entitled_message_free,
  u.message_service_enabled AS u_message_service_enabled, u.status AS u_status,
  u.error_code AS u_error_code, u.error_message AS u_error_message, u.cluster_id AS u_cluster_id,
  u.node_id AS u_node_id, u.home_imp_node_id AS u_home_imp_node_id,
  u.last_activity_at AS u_last_activity_at, u.due_at AS u_due_at, u.updated_at AS u_updated_at,
  u.version AS u_version`;

/** `SELECT` of a user's columns from `users u`. */
export const USER_SELECT = `SELECT ${USER_SELECT_LIST}`;

/** USER_SELECT plus the names the console shows next to a user (needs USER_VIEW_JOINS). */
export const USER_VIEW_SELECT = `${USER_SELECT}, c.name AS u_cluster_name, n.hostname AS u_node_hostname`;

export const USER_VIEW_JOINS = /* sql */ `
  LEFT JOIN expressway_clusters c ON c.org_id = u.org_id AND c.id = u.cluster_id
  LEFT JOIN connector_nodes n ON n.org_id = u.org_id AND n.id = u.node_id`;

/** What USER_SELECT yields (int8 columns arrive as numbers: pg-pool.ts). */
export interface PgUserRow {
  u_org_id: string;
  u_id: string;
  u_email: string;
  u_display_name: string;
  u_entitled_hybrid_message: boolean;
  u_entitled_message_free: boolean;
  u_message_service_enabled: boolean;
  u_status: string;
  u_error_code: string | null;
  u_error_message: string | null;
  u_cluster_id: string | null;
  u_node_id: string | null;
  u_home_imp_node_id: string | null;
  u_last_activity_at: number | null;
  u_due_at: number | null;
  u_updated_at: number;
  u_version: number;
}

export interface PgUserViewRow extends PgUserRow {
  u_cluster_name: string | null;
  u_node_hostname: string | null;
}

export function toCloudUser(r: PgUserRow): CloudUser {
  return {
    id: r.u_id,
    orgId: r.u_org_id,
    email: r.u_email,
    displayName: r.u_display_name,
    entitledHybridMessage: r.u_entitled_hybrid_message,
    entitledMessageFree: r.u_entitled_message_free,
    messageServiceEnabled: r.u_message_service_enabled,
    status: r.u_status as UserStatus,
    errorCode: r.u_error_code as ActivationErrorCode | null,
    errorMessage: r.u_error_message,
    clusterId: r.u_cluster_id,
    nodeId: r.u_node_id,
    homeImpNodeId: r.u_home_imp_node_id,
    lastActivityAt: r.u_last_activity_at,
    dueAt: r.u_due_at,
    updatedAt: r.u_updated_at,
    version: r.u_version,
  };
}

export function toUserView(r: PgUserViewRow): UserView {
  const view = toCloudUser(r) as UserView;
  view.clusterName = r.u_cluster_name ?? null;
  view.nodeHostname = r.u_node_hostname ?? null;
  return view;
}

/** NULL last activity as stored in activity_key: first ascending, last descending. */
export const NO_ACTIVITY = Number.MIN_SAFE_INTEGER;

/**
 * The writable columns of users (activity_key is generated from last_activity_at), each with its
 * PostgreSQL array type and its value for a user: the INSERT and the batch UPDATE bind one array
 * per column and read the rows back with unnest.
 */
export const USER_COLUMNS = [
  ['org_id', 'text', (u) => u.orgId],
  ['id', 'text', (u) => u.id],
  ['email', 'text', (u) => u.email],
  ['display_name', 'text', (u) => u.displayName],
  ['name_key', 'text', (u) => u.displayName.toLowerCase()],
  ['email_key', 'text', (u) => u.email.toLowerCase()],
  ['entitled_hybrid_message', 'boolean', (u) => u.entitledHybridMessage],
  ['entitled_message_free', 'boolean', (u) => u.entitledMessageFree],
  ['message_service_enabled', 'boolean', (u) => u.messageServiceEnabled],
  ['status', 'text', (u) => u.status],
  ['status_rank', 'smallint', (u) => statusRank(u.status)],
  ['error_code', 'text', (u) => u.errorCode],
  ['error_message', 'text', (u) => u.errorMessage],
  ['cluster_id', 'text', (u) => u.clusterId],
  ['node_id', 'text', (u) => u.nodeId],
  ['home_imp_node_id', 'text', (u) => u.homeImpNodeId],
  ['last_activity_at', 'bigint', (u) => u.lastActivityAt],
  ['due_at', 'bigint', (u) => u.dueAt],
  ['updated_at', 'bigint', (u) => u.updatedAt],
  ['version', 'integer', (u) => u.version],
] as const satisfies readonly (readonly [string, string, (user: CloudUser) => unknown])[];

/** One array per column of USER_COLUMNS, in its order: the values of these users. */
export function userColumnArrays(users: readonly CloudUser[]): unknown[][] {
  return USER_COLUMNS.map(([, , value]) =>
    users.map((user) => (value as (u: CloudUser) => unknown)(user)),
  );
}

/**
 * `unnest($first::text[], …) AS alias(org_id, …)`: the users bound by userColumnArrays as rows,
 * their parameters numbered from `first`, then `extra` columns bound by the arrays after them.
 */
export function unnestUsers(
  first: number,
  alias: string,
  extra: readonly (readonly [name: string, type: string])[] = [],
): string {
  const columns = [...USER_COLUMNS, ...extra];
  const arrays = columns.map(([, type], i) => `$${first + i}::${type}[]`);
  return `unnest(${arrays.join(', ')}) AS ${alias}(${columns.map(([name]) => name).join(', ')})`;
}
