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
    /** The rate in force when the move began (users per minute): the move keeps it to the end. */
    ratePerMinute: number;
    /**
     * The rate counts from here: `startedAt`, then the time the move resumed after being stuck,
     * so that room appearing after a long wait does not release the whole wait's worth at once.
     */
    pacedFrom: number;
    /** `usersMoved` at `pacedFrom`. */
    movedBeforePace: number;
  } | null;
  /**
   * Row revision, bumped on every change of the node's state (maintenance, connectors,
   * connectivity): guards maintenance commands against lost updates. The move's progress
   * (`usersMoved`, `stuckReason`) does not bump it: it changes every second while users move,
   * and an admin exiting a node that is still entering has decided on nothing it changes.
   */
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
  /**
   * `version` is the version the Message Connector synchronized at its last start (what the
   * status page shows); `runningVersion` is what the node really runs. They differ after an
   * upgrade until Restart Message Connector (the guide's known cosmetic issue).
   */
  runningVersion: string;
  /**
   * Removed from its IM&P cluster on premises while the Message Connector still knows it: the
   * connector keeps showing it (unreachable, so in Outage) until a restart forgets it. A node
   * removed before it was ever discovered is deleted at once.
   */
  removed: boolean;
  /** Sessions moving off this node (failover or manual fallback), while they do; else null. */
  sessionMove: SessionMoveState | null;
}

/**
 * Message Service sessions moving off an IM&P node (SPEC "IM&P failover"). Nothing moves before
 * `startsAt`; from then, the sessions allowed to have moved grow with the time elapsed at
 * `sessionsPerMinute`, so the move follows the engine's clock (a fast-forward catches up).
 * Fallback moves only the sessions whose directory home is `toImpNodeId`.
 */
export interface SessionMoveState {
  kind: 'failover' | 'fallback';
  toImpNodeId: string;
  requestedAt: number;
  startsAt: number;
  /** The rate in force when the move began; the move keeps it to the end. */
  sessionsPerMinute: number;
  sessionsAtStart: number;
  sessionsMoved: number;
}

export interface PresenceRedundancyGroup {
  id: string;
  orgId: string;
  impClusterId: string;
  name: string;
  highAvailability: boolean;
  /**
   * High availability was changed while the group's nodes served the Message Service: the
   * Message Connector of the Expressway cluster must be restarted (the guide), until then an
   * alarm says so. Cleared by Restart Message Connector.
   */
  connectorRestartRequired: boolean;
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
