import { z } from 'zod';
import {
  Connectivity,
  ConnectorState,
  Id,
  ImpNodeStatus,
  MaintenanceState,
  NodeSize,
  OnOff,
} from './domain.ts';

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
  /** Message Service users assigned to this node. */
  users: z.number().int().nonnegative(),
  /** Users this node can hold (its size). */
  capacity: z.number().int().positive(),
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
  impClusterCount: z.number().int().nonnegative(),
});
export type ClusterSummary = z.infer<typeof ClusterSummary>;

export const ClusterListResponse = z.object({ items: z.array(ClusterSummary) });
export type ClusterListResponse = z.infer<typeof ClusterListResponse>;

export const ImpNode = z.object({
  id: Id,
  impClusterId: Id,
  address: z.string(),
  version: z.string(),
  status: ImpNodeStatus,
  isPublisher: z.boolean(),
  axlServiceRunning: z.boolean(),
  presenceRedundancyGroupId: Id.nullable(),
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
