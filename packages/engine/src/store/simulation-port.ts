import type { ImpNode, PresenceRedundancyGroup } from '../model/deployment.ts';
import type { CloudUser } from '../model/user.ts';

/** IM&P failover and rediscovery, and the Lab's simulation clock. */
export interface SimulationPort {
  /**
   * Up to `limit` Message Service sessions on an IM&P node (see SessionFilter), in no particular
   * order: the next ones a failover or fallback moves.
   */
  listSessions(orgId: string, filter: SessionFilter, limit: number): Promise<CloudUser[]>;
  countSessions(orgId: string, filter: SessionFilter): Promise<number>;
  /** Directory entries per home IM&P node, for the whole organization. */
  countDirectoryEntriesByHomeNode(orgId: string): Promise<Map<string, number>>;
  /** Writes an IM&P node (matched by organization and id). */
  updateImpNode(node: ImpNode): Promise<void>;
  insertImpNode(node: ImpNode): Promise<void>;
  deleteImpNode(orgId: string, impNodeId: string): Promise<void>;
  updatePresenceRedundancyGroup(group: PresenceRedundancyGroup): Promise<void>;
  /**
   * How far the Lab has fast-forwarded each organization's simulation clock (ms), for the
   * organizations it has fast-forwarded (the others run on the real clock: 0). Per organization,
   * so one organization's fast-forward moves no other's time; in the store, so every replica
   * sharing it runs the same simulated time. The map is the caller's.
   */
  getClockOffsets(): Promise<Map<string, number>>;
  /**
   * Adds `byMs` (> 0) to the organization's offset and answers the new offset. One write that
   * reads and adds, so two replicas fast-forwarding at once both count and the offset only
   * ever grows.
   */
  advanceClockOffset(orgId: string, byMs: number): Promise<number>;
}

export const SIMULATION_METHODS = {
  listSessions: true,
  countSessions: true,
  countDirectoryEntriesByHomeNode: true,
  updateImpNode: true,
  insertImpNode: true,
  deleteImpNode: true,
  updatePresenceRedundancyGroup: true,
  getClockOffsets: true,
  advanceClockOffset: true,
} as const satisfies Record<keyof SimulationPort, true>;

/**
 * The Message Service sessions on an IM&P node: users assigned to a connector node of
 * `clusterId` (the Expressway cluster the node's IM&P cluster is configured on) whose session
 * is served by `impNodeId` (`CloudUser.homeImpNodeId`). With `directoryHomeImpNodeId`, only
 * those whose home directory entry (the one whose mailid equals the email, any case) is homed on
 * that node: the sessions a fallback brings back.
 */
export interface SessionFilter {
  clusterId: string;
  impNodeId: string;
  directoryHomeImpNodeId?: string;
}
