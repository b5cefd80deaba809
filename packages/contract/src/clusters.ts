import { z } from 'zod';
import {
  Connectivity,
  ConnectorState,
  Id,
  ImpNodeStatus,
  IsoDateTime,
  MaintenanceState,
  NodeSize,
  OnOff,
} from './domain.ts';
import { MaintenanceProgress } from './maintenance.ts';

/** A connector host (Expressway node). */
export const ConnectorNode = z.object({
  id: Id,
  clusterId: Id,
  hostname: z.string(),
  size: NodeSize,
  version: z.string(),
  connectivity: Connectivity,
  managementConnector: ConnectorState,
  messageConnector: ConnectorState,
  maintenance: MaintenanceState,
  /** Set while `Entering maintenance mode`, null otherwise. */
  maintenanceProgress: MaintenanceProgress.nullable(),
  /**
   * Bumped on every change of the node's state (maintenance, connectors, connectivity), not by
   * the move's progress: send as `If-Match` with a maintenance request.
   */
  revision: z.number().int().nonnegative(),
  /** Message Service users assigned to this node. */
  users: z.number().int().nonnegative(),
  /** Users this node can hold (its size). */
  capacity: z.number().int().positive(),
  /**
   * True when the node has users but cannot serve them: connectors not responding or stopped
   * outside maintenance, or no connectivity to the cloud (an uncontrolled outage).
   */
  usersAffected: z.boolean(),
});
export type ConnectorNode = z.infer<typeof ConnectorNode>;

/** Health of a cluster's nodes, derived from connectors, connectivity and maintenance. */
export const ClusterHealth = z.enum(['Operational', 'Degraded', 'Outage']);
export type ClusterHealth = z.infer<typeof ClusterHealth>;

/** One row of the Clusters list. */
export const ClusterSummary = z.object({
  id: Id,
  name: z.string(),
  nodeSize: NodeSize,
  nodeCount: z.number().int().min(1).max(6),
  /** Nodes that can serve users now: connectors running, connected, not in maintenance. */
  nodesServing: z.number().int().nonnegative(),
  health: ClusterHealth,
  users: z.number().int().nonnegative(),
  /** (N − 1) × node capacity; one node's worth for a single-node cluster. */
  capacity: z.number().int().positive(),
  /** Users assigned to nodes that cannot serve them now (see `ConnectorNode.usersAffected`). */
  affectedUsers: z.number().int().nonnegative(),
  impClusterCount: z.number().int().nonnegative(),
  /** Open alarms of this cluster (muted ones on nodes in maintenance are not raised at all). */
  openAlarms: z.number().int().nonnegative(),
});
export type ClusterSummary = z.infer<typeof ClusterSummary>;

export const ClusterListResponse = z.object({ items: z.array(ClusterSummary) });
export type ClusterListResponse = z.infer<typeof ClusterListResponse>;

/**
 * IM&P failover (SPEC "IM&P failover"): sessions of a node in Outage move to its peer in a
 * high-availability presence redundancy group after a delay of up to 15 minutes, at a limited
 * rate; fallback (manual, from the Lab) moves them back the same way.
 */
export const SessionMove = z.object({
  kind: z.enum(['failover', 'fallback']),
  toImpNodeId: Id,
  toAddress: z.string(),
  /** When the outage (or the fallback request) began. */
  requestedAt: IsoDateTime,
  /** When sessions start moving (up to 15 minutes after `requestedAt`). */
  startsAt: IsoDateTime,
  sessionsAtStart: z.number().int().nonnegative(),
  sessionsLeft: z.number().int().nonnegative(),
  estimatedCompletionAt: IsoDateTime,
});
export type SessionMove = z.infer<typeof SessionMove>;

export const ImpNode = z.object({
  id: Id,
  impClusterId: Id,
  address: z.string(),
  version: z.string(),
  status: ImpNodeStatus,
  isPublisher: z.boolean(),
  axlServiceRunning: z.boolean(),
  presenceRedundancyGroupId: Id.nullable(),
  /** Sessions moving off this node, while they do; null otherwise. */
  sessionMove: SessionMove.nullable(),
});
export type ImpNode = z.infer<typeof ImpNode>;

export const PresenceRedundancyGroup = z.object({
  id: Id,
  name: z.string(),
  highAvailability: OnOff,
  impNodeIds: z.array(Id),
});
export type PresenceRedundancyGroup = z.infer<typeof PresenceRedundancyGroup>;

/** An IM and Presence cluster as its publisher is configured on the Expressway cluster. */
export const ImpCluster = z.object({
  id: Id,
  name: z.string(),
  publisherAddress: z.string(),
  /** AXL account user name; the password is a secret and never leaves the BFF. */
  axlUsername: z.string(),
  certificateValidation: OnOff,
  nodes: z.array(ImpNode),
  presenceRedundancyGroups: z.array(PresenceRedundancyGroup),
});
export type ImpCluster = z.infer<typeof ImpCluster>;

/** SPEC "Message Service Status (per Expressway cluster)", named as the guide names it. */
export const MessageServiceUserTotals = z.object({
  usersFromConnectedImpClusters: z.number().int().nonnegative(),
  /** Includes the connected ones: read as "300 of 1000". */
  usersFromAllImpClustersIcsa: z.number().int().nonnegative(),
  usersEnabled: z.number().int().nonnegative(),
  activeUsers: z.number().int().nonnegative(),
  /** Percent of usersEnabled, 0 when none are enabled. */
  activePercent: z.number().min(0).max(100),
  inactiveUsers: z.number().int().nonnegative(),
  inactivePercent: z.number().min(0).max(100),
  /** Set when both directory totals are 0: an AXL or configuration problem. */
  warning: z.string().nullable(),
});
export type MessageServiceUserTotals = z.infer<typeof MessageServiceUserTotals>;

export const ImpNodeStatusRow = z.object({
  impNodeId: Id,
  impClusterName: z.string(),
  address: z.string(),
  nodeVersion: z.string(),
  nodeStatus: ImpNodeStatus,
  certificateValidation: OnOff,
  messageServiceUsers: z.number().int().nonnegative(),
  activeUsers: z.number().int().nonnegative(),
  inactiveUsers: z.number().int().nonnegative(),
});
export type ImpNodeStatusRow = z.infer<typeof ImpNodeStatusRow>;

export const ConnectivityToWebex = z.object({
  status: Connectivity,
  /** The guide's hints when not Operational; empty otherwise. */
  hints: z.array(z.string()),
});
export type ConnectivityToWebex = z.infer<typeof ConnectivityToWebex>;

export const MessageServiceStatus = z.object({
  connectivityToWebex: ConnectivityToWebex,
  userTotals: MessageServiceUserTotals,
  impNodes: z.array(ImpNodeStatusRow),
});
export type MessageServiceStatus = z.infer<typeof MessageServiceStatus>;

/** `GET /api/v1/clusters/{id}`. */
export const ClusterDetail = ClusterSummary.extend({
  nodes: z.array(ConnectorNode),
  impClusters: z.array(ImpCluster),
  messageServiceStatus: MessageServiceStatus,
});
export type ClusterDetail = z.infer<typeof ClusterDetail>;

export const ClusterIdParams = z.strictObject({ id: Id });

/** `POST /api/v1/clusters/{id}/message-connector/restart`: what the rediscovery through AXL found. */
export const ConnectorRestartResult = z.object({
  clusterId: Id,
  restartedAt: IsoDateTime,
  /** IM&P nodes discovered now that were not before (added on premises, or AXL back up). */
  discovered: z.array(z.object({ id: Id, address: z.string() })),
  /** Nodes known before that are gone from their IM&P cluster. */
  removed: z.array(z.object({ id: Id, address: z.string() })),
  /** Nodes that exist but could not be discovered, and why (AXL service not running…). */
  notDiscovered: z.array(z.object({ id: Id, address: z.string(), reason: z.string() })),
  /** Nodes whose version the connector resynchronized. */
  versionsUpdated: z.array(
    z.object({ id: Id, address: z.string(), from: z.string(), to: z.string() }),
  ),
});
export type ConnectorRestartResult = z.infer<typeof ConnectorRestartResult>;
