import type { ConnectorNode, ImpNode, JidAccount } from '@hybrid-hub/engine';
import { impNodeParams, jidParams, nodeParams } from '../../engine-store/deployment-rows.ts';
import {
  maintenanceMoveOf,
  sessionMoveOf,
  type Nullable,
} from '../../engine-store/deployment-selects.ts';
import { epochMs } from './pg-rows.ts';

/**
 * Row ↔ model mapping of the deployment's tables on PostgreSQL. The rows written are the SQLite
 * store's (deployment-rows.ts: objects keyed by column, for insertRows/updateRows); its 0/1
 * flags land in boolean columns as they are, since PostgreSQL reads '1' and '0' as booleans.
 * Times are rounded to whole milliseconds (epochMs). The SELECTs' quoted aliases give the model's camelCase names, so a flat row is the model.
 */
export {
  clusterParams as clusterRow,
  directoryParams as directoryRow,
  groupParams as groupRow,
  impClusterParams as impClusterRow,
} from '../../engine-store/deployment-rows.ts';

export const nodeRow = (node: ConnectorNode) => {
  const row = nodeParams(node);
  return {
    ...row,
    move_started_at: epochMs(row.move_started_at),
    move_paced_from: epochMs(row.move_paced_from),
  };
};

export const impNodeRow = (node: ImpNode) => {
  const row = impNodeParams(node);
  return {
    ...row,
    move_requested_at: epochMs(row.move_requested_at),
    move_starts_at: epochMs(row.move_starts_at),
  };
};

export const jidRow = (account: JidAccount) => ({
  ...jidParams(account),
  created_at: epochMs(account.createdAt),
});

export const CLUSTER_SELECT = /* sql */ `SELECT org_id AS "orgId", id, name, node_size AS "nodeSize"
  FROM expressway_clusters`;

export const NODE_SELECT = /* sql */ `SELECT org_id AS "orgId", id, cluster_id AS "clusterId",
  hostname, version, connectivity, management_connector AS "managementConnector",
  message_connector AS "messageConnector", maintenance, revision,
  move_started_at AS "startedAt", move_users_at_start AS "usersAtStart",
  move_users_moved AS "usersMoved", move_stuck_reason AS "stuckReason",
  move_rate_per_minute AS "ratePerMinute", move_paced_from AS "pacedFrom",
  move_moved_before_pace AS "movedBeforePace"
  FROM connector_nodes`;

type MaintenanceMove = NonNullable<ConnectorNode['maintenanceMove']>;
export type NodeRow = Omit<ConnectorNode, 'maintenanceMove'> & Nullable<MaintenanceMove>;

export function toNode({
  startedAt,
  usersAtStart,
  usersMoved,
  stuckReason,
  ratePerMinute,
  pacedFrom,
  movedBeforePace,
  ...node
}: NodeRow): ConnectorNode {
  return {
    ...node,
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

export const IMP_CLUSTER_SELECT = /* sql */ `SELECT org_id AS "orgId", id, name,
  expressway_cluster_id AS "expresswayClusterId", publisher_address AS "publisherAddress",
  axl_username AS "axlUsername", axl_password AS "axlPassword",
  axl_account_has_role AS "axlAccountHasRole", certificate_validation AS "certificateValidation",
  certificate_trusted AS "certificateTrusted", icsa_group AS "icsaGroup"
  FROM imp_clusters`;

export const IMP_NODE_SELECT = /* sql */ `SELECT org_id AS "orgId", id,
  imp_cluster_id AS "impClusterId", address, version, status, is_publisher AS "isPublisher",
  axl_service_running AS "axlServiceRunning",
  presence_redundancy_group_id AS "presenceRedundancyGroupId", discovered,
  running_version AS "runningVersion", removed, move_kind AS "kind",
  move_to_imp_node_id AS "toImpNodeId", move_requested_at AS "requestedAt",
  move_starts_at AS "startsAt", move_sessions_per_minute AS "sessionsPerMinute",
  move_sessions_at_start AS "sessionsAtStart", move_sessions_moved AS "sessionsMoved"
  FROM imp_nodes`;

type SessionMove = NonNullable<ImpNode['sessionMove']>;
export type ImpNodeRow = Omit<ImpNode, 'sessionMove'> & Nullable<SessionMove>;

export function toImpNode({
  kind,
  toImpNodeId,
  requestedAt,
  startsAt,
  sessionsPerMinute,
  sessionsAtStart,
  sessionsMoved,
  ...node
}: ImpNodeRow): ImpNode {
  return {
    ...node,
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

export const GROUP_SELECT = /* sql */ `SELECT org_id AS "orgId", id,
  imp_cluster_id AS "impClusterId", name, high_availability AS "highAvailability",
  connector_restart_required AS "connectorRestartRequired"
  FROM presence_redundancy_groups`;

export const DIRECTORY_SELECT = /* sql */ `SELECT org_id AS "orgId", id,
  imp_cluster_id AS "impClusterId", userid, jid, mailid, home_imp_node_id AS "homeImpNodeId"
  FROM directory_entries`;

export const JID_SELECT = /* sql */ `SELECT org_id AS "orgId", jid, created_at AS "createdAt"
  FROM jid_accounts`;
