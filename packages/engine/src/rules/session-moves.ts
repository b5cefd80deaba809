import type { SessionMove } from '@hybrid-hub/contract';
import type {
  ImpCluster,
  ImpNode,
  PresenceRedundancyGroup,
  SessionMoveState,
} from '../model/deployment.ts';
import type { CloudUser } from '../model/user.ts';
import { changed, line, SYSTEM_ACTOR, type UserChange } from './user-transitions.ts';

/**
 * IM&P failover and fallback as the guide describes them ("High Availability and Failover"):
 * when a node goes to Outage and its presence redundancy group has high availability On, the
 * Message Connector moves the node's sessions to the peer. It "could take up to 15 minutes to
 * start transitioning users", then "progresses at a rate that does not overwhelm the target
 * node": 5,000 sessions take about 30 minutes from the start of the outage. Fallback, once the
 * node is back, is manual and takes a similar time.
 */

const MINUTE = 60_000;

/** Nothing moves for this long after the outage (or the fallback request): "up to 15 minutes". */
export const FAILOVER_DELAY_MS = 15 * MINUTE;

/** 5,000 sessions in the 15 minutes after the delay: done about 30 minutes after the outage. */
export const FAILOVER_SESSIONS_PER_MINUTE = 5000 / 15;

/** The deployment rows the move rules read (one organization's). */
export interface ImpTopology {
  impClusters: readonly ImpCluster[];
  impNodes: readonly ImpNode[];
  presenceRedundancyGroups: readonly PresenceRedundancyGroup[];
}

/**
 * The other node of `node`'s presence redundancy group when the group has high availability On
 * (a group pairs two nodes), whatever its status; undefined without one.
 */
export function highAvailabilityPeer(node: ImpNode, topology: ImpTopology): ImpNode | undefined {
  const group = topology.presenceRedundancyGroups.find(
    (g) => g.id === node.presenceRedundancyGroupId,
  );
  if (!group?.highAvailability) return undefined;
  return topology.impNodes.find(
    (n) => n.presenceRedundancyGroupId === group.id && n.id !== node.id && !n.removed,
  );
}

/**
 * The Expressway cluster whose connector serves this IM&P node's sessions: its IM&P cluster's,
 * when connected and the connector has discovered the node (null otherwise: nothing to move).
 */
export function servingExpresswayCluster(node: ImpNode, topology: ImpTopology): string | null {
  if (!node.discovered) return null;
  return topology.impClusters.find((c) => c.id === node.impClusterId)?.expresswayClusterId ?? null;
}

/** Where `node`'s sessions fail over to now: its Operational high-availability peer. */
export function failoverTarget(node: ImpNode, topology: ImpTopology): ImpNode | undefined {
  if (node.status !== 'Outage') return undefined;
  const peer = highAvailabilityPeer(node, topology);
  return peer?.status === 'Operational' && peer.discovered ? peer : undefined;
}

/**
 * Whether a move under way still makes sense. Any move stops when the connector no longer
 * serves its source (undiscovered, IM&P cluster disconnected). A failover stops when its source is back
 * (the sessions left are served there again; those moved stay until a fallback) or when its
 * target no longer can take sessions (peer down, high availability turned Off): a new failover
 * then starts, with its own delay, once a target is there again. A fallback stops when its
 * target (the node the sessions go home to) is no longer Operational.
 */
export function isMoveStillValid(source: ImpNode, topology: ImpTopology): boolean {
  const move = source.sessionMove;
  if (!move || servingExpresswayCluster(source, topology) === null) return false;
  if (move.kind === 'failover') return failoverTarget(source, topology)?.id === move.toImpNodeId;
  const target = topology.impNodes.find((n) => n.id === move.toImpNodeId);
  return target !== undefined && !target.removed && target.status === 'Operational';
}

export function startSessionMove(
  kind: SessionMoveState['kind'],
  toImpNodeId: string,
  sessions: number,
  at: number,
  options: SessionMovePace,
): SessionMoveState {
  return {
    kind,
    toImpNodeId,
    requestedAt: at,
    startsAt: at + options.delayMs,
    sessionsPerMinute: options.sessionsPerMinute,
    sessionsAtStart: sessions,
    sessionsMoved: 0,
  };
}

/**
 * A fallback whose source node has failed, widened into that node's failover (the same target):
 * every session left on the node moves, at the pace the fallback already keeps. Null when it is
 * a failover already.
 */
export function widenToFailover(
  move: SessionMoveState,
  sessionsLeft: number,
): SessionMoveState | null {
  if (move.kind === 'failover') return null;
  return { ...move, kind: 'failover', sessionsAtStart: move.sessionsMoved + sessionsLeft };
}

export interface SessionMovePace {
  delayMs: number;
  sessionsPerMinute: number;
}

/**
 * How many sessions may have moved by `now`: none before `startsAt`, then the rate times the
 * time elapsed. Computed from the time, not counted per call, so that however often (or rarely,
 * after a fast-forward) the due work runs, the move keeps to the rate and catches up.
 */
export function sessionsAllowedBy(move: SessionMoveState, now: number): number {
  if (now < move.startsAt) return 0;
  return Math.floor(((now - move.startsAt) * move.sessionsPerMinute) / MINUTE);
}

/** When the move should be done at its rate (its sessions at start). */
export function estimatedCompletionAt(move: SessionMoveState): number {
  return move.startsAt + Math.ceil((move.sessionsAtStart * MINUTE) / move.sessionsPerMinute);
}

/** The contract's view of a move (addresses resolved). */
export function toSessionMoveView(
  move: SessionMoveState,
  impNodes: readonly Pick<ImpNode, 'id' | 'address'>[],
): SessionMove {
  const iso = (at: number) => new Date(at).toISOString();
  return {
    kind: move.kind,
    toImpNodeId: move.toImpNodeId,
    toAddress: impNodes.find((n) => n.id === move.toImpNodeId)?.address ?? move.toImpNodeId,
    requestedAt: iso(move.requestedAt),
    startsAt: iso(move.startsAt),
    sessionsAtStart: move.sessionsAtStart,
    sessionsLeft: Math.max(0, move.sessionsAtStart - move.sessionsMoved),
    estimatedCompletionAt: iso(estimatedCompletionAt(move)),
  };
}

/** The history line of a moved session. */
export function sessionMovedMessage(
  fromAddress: string,
  toAddress: string,
  kind: SessionMoveState['kind'],
): string {
  return `Session moved from IM&P node ${fromAddress} to ${toAddress}: ${kind}.`;
}

/** One session moved: the user's session node changes; status and assignment stay. */
export function moveSession(
  user: CloudUser,
  to: Pick<ImpNode, 'id' | 'address'>,
  fromAddress: string,
  kind: SessionMoveState['kind'],
  at: number,
): UserChange {
  return {
    before: user,
    after: changed(user, at, { homeImpNodeId: to.id }),
    lines: [
      line(
        SYSTEM_ACTOR,
        user.status,
        user.status,
        sessionMovedMessage(fromAddress, to.address, kind),
        {
          clusterId: user.clusterId,
          nodeId: user.nodeId,
        },
      ),
    ],
  };
}
