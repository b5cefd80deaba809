import type {
  Connectivity,
  ConnectorState,
  ImpNodeStatus,
  MaintenanceState,
  NodeSize,
} from '@hybrid-hub/contract';

/**
 * The on-premises deployment as the engine stores it. Plain data: no methods, no Dates
 * (timestamps are epoch milliseconds from the injected clock), so every store can hold it.
 */

export interface Organization {
  id: string;
  name: string;
}

/** A connector host cluster (Expressway cluster). Its nodes all have the same size. */
export interface ExpresswayCluster {
  id: string;
  orgId: string;
  name: string;
  nodeSize: NodeSize;
}

/** A connector host (Expressway node) running the Management and Message Connectors. */
export interface ConnectorNode {
  id: string;
  orgId: string;
  clusterId: string;
  hostname: string;
  version: string;
  connectivity: Connectivity;
  managementConnector: ConnectorState;
  messageConnector: ConnectorState;
  maintenance: MaintenanceState;
  /**
   * The move off the node while `Entering maintenance mode` (null otherwise): when it began, how
   * many users were on the node then, how many have moved, and why it cannot progress now
   * (null while it can). The alarms rule raises MAINTENANCE_STUCK from `stuckReason`.
   */
  maintenanceMove: {
    startedAt: number;
    usersAtStart: number;
    usersMoved: number;
    stuckReason: string | null;
  } | null;
  /** Row revision, bumped on every change: guards maintenance commands against lost updates. */
  revision: number;
}

/**
 * An IM and Presence cluster, configured on one Expressway cluster by its publisher's address
 * and AXL account (null `expresswayClusterId` = known on premises but not connected).
 * `icsaGroup` names the set of IM&P clusters synchronized by the Intercluster Sync Agent:
 * each publisher also returns the users homed on the other clusters of its group.
 */
export interface ImpCluster {
  id: string;
  orgId: string;
  name: string;
  expresswayClusterId: string | null;
  publisherAddress: string;
  axlUsername: string;
  /** Secret: stored, never returned by any query of the public API. */
  axlPassword: string;
  /** False when the AXL account lacks the AXL role (an AXL_FAILURE cause). */
  axlAccountHasRole: boolean;
  certificateValidation: boolean;
  /** False when certificate validation is On and the presented certificate cannot be validated. */
  certificateTrusted: boolean;
  icsaGroup: string | null;
}

export interface ImpNode {
  id: string;
  orgId: string;
  impClusterId: string;
  address: string;
  version: string;
  status: ImpNodeStatus;
  isPublisher: boolean;
  axlServiceRunning: boolean;
  presenceRedundancyGroupId: string | null;
  /** Discovered by the Message Connector through AXL; undiscovered nodes are not served. */
  discovered: boolean;
}

export interface PresenceRedundancyGroup {
  id: string;
  orgId: string;
  impClusterId: string;
  name: string;
  highAvailability: boolean;
}

/** One user of an IM&P cluster's directory, as AXL returns it. */
export interface DirectoryEntry {
  id: string;
  orgId: string;
  impClusterId: string;
  userid: string;
  jid: string;
  /** Empty string when the IM&P user has no mailid. */
  mailid: string;
  homeImpNodeId: string;
}
