import type {
  ConnectorNode,
  DirectoryEntry,
  ExpresswayCluster,
  HistoryEntry,
  ImpCluster,
  ImpNode,
  JidAccount,
  PresenceRedundancyGroup,
} from '@hybrid-hub/engine';

/**
 * Row ↔ model mapping for the small tables. Column aliases in the SELECTs give the model's
 * camelCase names directly; only booleans (stored 0/1) need converting.
 */

const bool = (value: unknown) => value === 1;
const bit = (value: boolean) => (value ? 1 : 0);

export const CLUSTER_SELECT =
  'SELECT org_id AS orgId, id, name, node_size AS nodeSize FROM expressway_clusters';

export const NODE_SELECT = /* sql */ `SELECT org_id AS orgId, id, cluster_id AS clusterId, hostname, version,
  connectivity, management_connector AS managementConnector, message_connector AS messageConnector,
  maintenance, revision, move_started_at AS startedAt, move_users_at_start AS usersAtStart,
  move_users_moved AS usersMoved, move_stuck_reason AS stuckReason,
  move_rate_per_minute AS ratePerMinute, move_paced_from AS pacedFrom,
  move_moved_before_pace AS movedBeforePace FROM connector_nodes`;

type Move = NonNullable<ConnectorNode['maintenanceMove']>;
/** A node's row: the node's own columns, and the move's (all NULL when none is under way). */
export type NodeRow = Omit<ConnectorNode, 'maintenanceMove'> & {
  [K in keyof Move]: Move[K] | null;
};

export function toNode(row: NodeRow): ConnectorNode {
  const {
    startedAt,
    usersAtStart,
    usersMoved,
    stuckReason,
    ratePerMinute,
    pacedFrom,
    movedBeforePace,
    ...node
  } = row;
  return {
    ...node,
    maintenanceMove:
      startedAt === null
        ? null
        : {
            startedAt,
            usersAtStart: usersAtStart ?? 0,
            usersMoved: usersMoved ?? 0,
            stuckReason,
            ratePerMinute: ratePerMinute ?? 0,
            pacedFrom: pacedFrom ?? startedAt,
            movedBeforePace: movedBeforePace ?? 0,
          },
  };
}

export const IMP_CLUSTER_SELECT = /* sql */ `SELECT org_id AS orgId, id, name,
  expressway_cluster_id AS expresswayClusterId, publisher_address AS publisherAddress,
  axl_username AS axlUsername, axl_password AS axlPassword, axl_account_has_role AS axlAccountHasRole,
  certificate_validation AS certificateValidation, certificate_trusted AS certificateTrusted,
  icsa_group AS icsaGroup FROM imp_clusters`;

export const IMP_NODE_SELECT = /* sql */ `SELECT org_id AS orgId, id, imp_cluster_id AS impClusterId, address,
  version, status, is_publisher AS isPublisher, axl_service_running AS axlServiceRunning,
  presence_redundancy_group_id AS presenceRedundancyGroupId, discovered,
  running_version AS runningVersion, removed, move_kind AS kind, move_to_imp_node_id AS toImpNodeId,
  move_requested_at AS requestedAt, move_starts_at AS startsAt,
  move_sessions_per_minute AS sessionsPerMinute, move_sessions_at_start AS sessionsAtStart,
  move_sessions_moved AS sessionsMoved FROM imp_nodes`;

export const GROUP_SELECT = /* sql */ `SELECT org_id AS orgId, id, imp_cluster_id AS impClusterId, name,
  high_availability AS highAvailability, connector_restart_required AS connectorRestartRequired
  FROM presence_redundancy_groups`;

export const DIRECTORY_SELECT = /* sql */ `SELECT org_id AS orgId, id, imp_cluster_id AS impClusterId, userid,
  jid, mailid, home_imp_node_id AS homeImpNodeId FROM directory_entries`;

export const HISTORY_SELECT = /* sql */ `SELECT org_id AS orgId, id, user_id AS userId, at, actor,
  from_status AS fromStatus, to_status AS toStatus, code, message, cluster_id AS clusterId,
  node_id AS nodeId FROM history`;

type Raw<T> = { [K in keyof T]: T[K] extends boolean ? number : T[K] };

export function toImpCluster(row: Raw<ImpCluster>): ImpCluster {
  return {
    ...row,
    axlAccountHasRole: bool(row.axlAccountHasRole),
    certificateValidation: bool(row.certificateValidation),
    certificateTrusted: bool(row.certificateTrusted),
  };
}

type SessionMove = NonNullable<ImpNode['sessionMove']>;
/** An IM&P node's row: its own columns, and the session move's (all NULL when none). */
export type ImpNodeRow = Raw<Omit<ImpNode, 'sessionMove'>> & {
  [K in keyof SessionMove]: SessionMove[K] | null;
};

export function toImpNode(row: ImpNodeRow): ImpNode {
  const {
    kind,
    toImpNodeId,
    requestedAt,
    startsAt,
    sessionsPerMinute,
    sessionsAtStart,
    sessionsMoved,
    ...node
  } = row;
  return {
    ...node,
    isPublisher: bool(node.isPublisher),
    axlServiceRunning: bool(node.axlServiceRunning),
    discovered: bool(node.discovered),
    removed: bool(node.removed),
    sessionMove:
      kind === null || toImpNodeId === null
        ? null
        : {
            kind,
            toImpNodeId,
            requestedAt: requestedAt ?? 0,
            startsAt: startsAt ?? 0,
            sessionsPerMinute: sessionsPerMinute ?? 0,
            sessionsAtStart: sessionsAtStart ?? 0,
            sessionsMoved: sessionsMoved ?? 0,
          },
  };
}

export function toGroup(row: Raw<PresenceRedundancyGroup>): PresenceRedundancyGroup {
  return {
    ...row,
    highAvailability: bool(row.highAvailability),
    connectorRestartRequired: bool(row.connectorRestartRequired),
  };
}

export const clusterParams = (c: ExpresswayCluster) => ({
  org_id: c.orgId,
  id: c.id,
  name: c.name,
  node_size: c.nodeSize,
});

export const nodeParams = (n: ConnectorNode) => ({
  org_id: n.orgId,
  id: n.id,
  cluster_id: n.clusterId,
  hostname: n.hostname,
  version: n.version,
  connectivity: n.connectivity,
  management_connector: n.managementConnector,
  message_connector: n.messageConnector,
  maintenance: n.maintenance,
  revision: n.revision,
  move_started_at: n.maintenanceMove?.startedAt ?? null,
  move_users_at_start: n.maintenanceMove?.usersAtStart ?? null,
  move_users_moved: n.maintenanceMove?.usersMoved ?? null,
  move_stuck_reason: n.maintenanceMove?.stuckReason ?? null,
  move_rate_per_minute: n.maintenanceMove?.ratePerMinute ?? null,
  move_paced_from: n.maintenanceMove?.pacedFrom ?? null,
  move_moved_before_pace: n.maintenanceMove?.movedBeforePace ?? null,
});

export const impClusterParams = (c: ImpCluster) => ({
  org_id: c.orgId,
  id: c.id,
  name: c.name,
  expressway_cluster_id: c.expresswayClusterId,
  publisher_address: c.publisherAddress,
  axl_username: c.axlUsername,
  axl_password: c.axlPassword,
  axl_account_has_role: bit(c.axlAccountHasRole),
  certificate_validation: bit(c.certificateValidation),
  certificate_trusted: bit(c.certificateTrusted),
  icsa_group: c.icsaGroup,
});

export const impNodeParams = (n: ImpNode) => ({
  org_id: n.orgId,
  id: n.id,
  imp_cluster_id: n.impClusterId,
  address: n.address,
  version: n.version,
  status: n.status,
  is_publisher: bit(n.isPublisher),
  axl_service_running: bit(n.axlServiceRunning),
  presence_redundancy_group_id: n.presenceRedundancyGroupId,
  discovered: bit(n.discovered),
  running_version: n.runningVersion,
  removed: bit(n.removed),
  move_kind: n.sessionMove?.kind ?? null,
  move_to_imp_node_id: n.sessionMove?.toImpNodeId ?? null,
  move_requested_at: n.sessionMove?.requestedAt ?? null,
  move_starts_at: n.sessionMove?.startsAt ?? null,
  move_sessions_per_minute: n.sessionMove?.sessionsPerMinute ?? null,
  move_sessions_at_start: n.sessionMove?.sessionsAtStart ?? null,
  move_sessions_moved: n.sessionMove?.sessionsMoved ?? null,
});

export const groupParams = (g: PresenceRedundancyGroup) => ({
  org_id: g.orgId,
  id: g.id,
  imp_cluster_id: g.impClusterId,
  name: g.name,
  high_availability: bit(g.highAvailability),
  connector_restart_required: bit(g.connectorRestartRequired),
});

export const directoryParams = (e: DirectoryEntry) => ({
  org_id: e.orgId,
  id: e.id,
  imp_cluster_id: e.impClusterId,
  userid: e.userid,
  jid: e.jid,
  mailid: e.mailid,
  mailid_key: e.mailid.toLowerCase(),
  home_imp_node_id: e.homeImpNodeId,
});

export const jidParams = (a: JidAccount) => ({
  org_id: a.orgId,
  jid: a.jid,
  created_at: a.createdAt,
});

export const historyParams = (h: HistoryEntry) => ({
  org_id: h.orgId,
  id: h.id,
  user_id: h.userId,
  at: h.at,
  actor: h.actor,
  from_status: h.fromStatus,
  to_status: h.toStatus,
  code: h.code,
  message: h.message,
  cluster_id: h.clusterId,
  node_id: h.nodeId,
});

/** `INSERT INTO table (a, b) VALUES (@a, @b)` from a params object's keys. */
export function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
}
