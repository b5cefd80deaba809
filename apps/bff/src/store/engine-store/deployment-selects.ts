import type {
  ConnectorNode,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  PresenceRedundancyGroup,
} from '@hybrid-hub/engine';
import type { SqlStatements } from './sql-statements.ts';

/**
 * The deployment's small tables as the engine reads them: each SELECT returns its rows as arrays
 * (better-sqlite3's raw mode), turned into the model by position with the tuple type written
 * next to it. better-sqlite3 builds a row object one named property at a time, which on these
 * tables costs more than the query: Acme's 41 connector nodes took 313 µs read as objects and
 * mapped, 100 µs as arrays (measured on the 200,000-user demo). The due work reads them on
 * every tick, and the cluster pages on every load.
 */

/** Rows of `text` as arrays, whatever mode others use the shared statement in. */
export function selectRows<T>(sql: SqlStatements, text: string, ...params: unknown[]): T[] {
  const statement = sql.sql(text);
  try {
    return statement.raw(true).all(...params) as T[];
  } finally {
    statement.raw(false);
  }
}

const bool = (value: number) => value === 1;

export const CLUSTER_SELECT = 'SELECT org_id, id, name, node_size FROM expressway_clusters';

export type ClusterRow = [orgId: string, id: string, name: string, nodeSize: string];

export function toCluster([orgId, id, name, nodeSize]: ClusterRow): ExpresswayCluster {
  return { orgId, id, name, nodeSize: nodeSize as ExpresswayCluster['nodeSize'] };
}

export const NODE_SELECT = /* sql */ `SELECT org_id, id, cluster_id, hostname, version,
  connectivity, management_connector, message_connector, maintenance, revision,
  move_started_at, move_users_at_start, move_users_moved, move_stuck_reason,
  move_rate_per_minute, move_paced_from, move_moved_before_pace FROM connector_nodes`;

/** A node's row: the node's own columns, and its move's (all NULL when none is under way). */
export type NodeRow = [
  orgId: string,
  id: string,
  clusterId: string,
  hostname: string,
  version: string,
  connectivity: ConnectorNode['connectivity'],
  managementConnector: ConnectorNode['managementConnector'],
  messageConnector: ConnectorNode['messageConnector'],
  maintenance: ConnectorNode['maintenance'],
  revision: number,
  startedAt: number | null,
  usersAtStart: number | null,
  usersMoved: number | null,
  stuckReason: string | null,
  ratePerMinute: number | null,
  pacedFrom: number | null,
  movedBeforePace: number | null,
];

export function toNode([
  orgId,
  id,
  clusterId,
  hostname,
  version,
  connectivity,
  managementConnector,
  messageConnector,
  maintenance,
  revision,
  startedAt,
  usersAtStart,
  usersMoved,
  stuckReason,
  ratePerMinute,
  pacedFrom,
  movedBeforePace,
]: NodeRow): ConnectorNode {
  return {
    orgId,
    id,
    clusterId,
    hostname,
    version,
    connectivity,
    managementConnector,
    messageConnector,
    maintenance,
    revision,
    maintenanceMove: maintenanceMoveOf({
      startedAt,
      usersAtStart,
      usersMoved,
      stuckReason,
      ratePerMinute,
      pacedFrom,
      movedBeforePace,
    }),
  };
}

export const IMP_CLUSTER_SELECT = /* sql */ `SELECT org_id, id, name, expressway_cluster_id,
  publisher_address, axl_username, axl_password, axl_account_has_role, certificate_validation,
  certificate_trusted, icsa_group FROM imp_clusters`;

export type ImpClusterRow = [
  orgId: string,
  id: string,
  name: string,
  expresswayClusterId: string | null,
  publisherAddress: string,
  axlUsername: string,
  axlPassword: string,
  axlAccountHasRole: number,
  certificateValidation: number,
  certificateTrusted: number,
  icsaGroup: string | null,
];

export function toImpCluster([
  orgId,
  id,
  name,
  expresswayClusterId,
  publisherAddress,
  axlUsername,
  axlPassword,
  axlAccountHasRole,
  certificateValidation,
  certificateTrusted,
  icsaGroup,
]: ImpClusterRow): ImpCluster {
  return {
    orgId,
    id,
    name,
    expresswayClusterId,
    publisherAddress,
    axlUsername,
    axlPassword,
    axlAccountHasRole: bool(axlAccountHasRole),
    certificateValidation: bool(certificateValidation),
    certificateTrusted: bool(certificateTrusted),
    icsaGroup,
  };
}

export const IMP_NODE_SELECT = /* sql */ `SELECT org_id, id, imp_cluster_id, address, version,
  status, is_publisher, axl_service_running, presence_redundancy_group_id, discovered,
  running_version, removed, move_kind, move_to_imp_node_id, move_requested_at, move_starts_at,
  move_sessions_per_minute, move_sessions_at_start, move_sessions_moved FROM imp_nodes`;

type SessionMove = NonNullable<ImpNode['sessionMove']>;

/** An IM&P node's row: its own columns, and its session move's (all NULL when none). */
export type ImpNodeRow = [
  orgId: string,
  id: string,
  impClusterId: string,
  address: string,
  version: string,
  status: ImpNode['status'],
  isPublisher: number,
  axlServiceRunning: number,
  presenceRedundancyGroupId: string | null,
  discovered: number,
  runningVersion: string,
  removed: number,
  kind: SessionMove['kind'] | null,
  toImpNodeId: string | null,
  requestedAt: number | null,
  startsAt: number | null,
  sessionsPerMinute: number | null,
  sessionsAtStart: number | null,
  sessionsMoved: number | null,
];

export function toImpNode([
  orgId,
  id,
  impClusterId,
  address,
  version,
  status,
  isPublisher,
  axlServiceRunning,
  presenceRedundancyGroupId,
  discovered,
  runningVersion,
  removed,
  kind,
  toImpNodeId,
  requestedAt,
  startsAt,
  sessionsPerMinute,
  sessionsAtStart,
  sessionsMoved,
]: ImpNodeRow): ImpNode {
  return {
    orgId,
    id,
    impClusterId,
    address,
    version,
    status,
    isPublisher: bool(isPublisher),
    axlServiceRunning: bool(axlServiceRunning),
    presenceRedundancyGroupId,
    discovered: bool(discovered),
    runningVersion,
    removed: bool(removed),
    sessionMove: sessionMoveOf({
      kind,
      toImpNodeId,
      requestedAt,
      startsAt,
      sessionsPerMinute,
      sessionsAtStart,
      sessionsMoved,
    }),
  };
}

export const GROUP_SELECT = /* sql */ `SELECT org_id, id, imp_cluster_id, name, high_availability,
  connector_restart_required FROM presence_redundancy_groups`;

export type GroupRow = [
  orgId: string,
  id: string,
  impClusterId: string,
  name: string,
  highAvailability: number,
  connectorRestartRequired: number,
];

export function toGroup([
  orgId,
  id,
  impClusterId,
  name,
  highAvailability,
  connectorRestartRequired,
]: GroupRow): PresenceRedundancyGroup {
  return {
    orgId,
    id,
    impClusterId,
    name,
    highAvailability: bool(highAvailability),
    connectorRestartRequired: bool(connectorRestartRequired),
  };
}

export type Nullable<T> = { [K in keyof T]: T[K] | null };
type MaintenanceMove = NonNullable<ConnectorNode['maintenanceMove']>;

/**
 * A node's maintenance move from its nullable move columns (both stores keep it flat in the
 * node's row): none when it has no start.
 */
export function maintenanceMoveOf(move: Nullable<MaintenanceMove>): MaintenanceMove | null {
  const { startedAt } = move;
  if (startedAt === null) return null;
  return {
    startedAt,
    usersAtStart: move.usersAtStart ?? 0,
    usersMoved: move.usersMoved ?? 0,
    stuckReason: move.stuckReason,
    ratePerMinute: move.ratePerMinute ?? 0,
    pacedFrom: move.pacedFrom ?? startedAt,
    movedBeforePace: move.movedBeforePace ?? 0,
  };
}

/** An IM and Presence node's session move (failover, fallback) from its nullable columns. */
export function sessionMoveOf(move: Nullable<SessionMove>): SessionMove | null {
  const { kind, toImpNodeId } = move;
  if (kind === null || toImpNodeId === null) return null;
  return {
    kind,
    toImpNodeId,
    requestedAt: move.requestedAt ?? 0,
    startsAt: move.startsAt ?? 0,
    sessionsPerMinute: move.sessionsPerMinute ?? 0,
    sessionsAtStart: move.sessionsAtStart ?? 0,
    sessionsMoved: move.sessionsMoved ?? 0,
  };
}
