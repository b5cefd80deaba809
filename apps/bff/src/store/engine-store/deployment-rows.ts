import type {
  ConnectorNode,
  DirectoryEntry,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  JidAccount,
  PresenceRedundancyGroup,
} from '@hybrid-hub/engine';

/**
 * Row ↔ model mapping for the small tables: the write parameters, and the SELECTs whose column
 * aliases give the model's camelCase names directly (the deployment's own SELECTs are in
 * deployment-selects.ts).
 */

const bit = (value: boolean) => (value ? 1 : 0);

export const DIRECTORY_SELECT = /* sql */ `SELECT org_id AS orgId, id, imp_cluster_id AS impClusterId, userid,
  jid, mailid, home_imp_node_id AS homeImpNodeId FROM directory_entries`;

export const HISTORY_SELECT = /* sql */ `SELECT org_id AS orgId, id, user_id AS userId, at, actor,
  from_status AS fromStatus, to_status AS toStatus, code, message, cluster_id AS clusterId,
  node_id AS nodeId FROM history`;

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

/** `INSERT INTO table (a, b) VALUES (@a, @b)` from a params object's keys. */
export function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
}
