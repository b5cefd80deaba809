import type { MaintenanceProgress } from '@hybrid-hub/contract';
import type { ConnectorNode } from '../model/deployment.ts';
import { otherNodes } from './maintenance-plan.ts';

/** Users the cloud moves off a node entering maintenance mode, per minute, unless configured. */
export const MAINTENANCE_RATE_PER_MINUTE = 1000;

const MINUTE = 60_000;

export type MaintenanceMove = NonNullable<ConnectorNode['maintenanceMove']>;

/** A move that begins now, with `users` on the node. */
export function startMove(at: number, users: number, ratePerMinute: number): MaintenanceMove {
  return {
    startedAt: at,
    usersAtStart: users,
    usersMoved: 0,
    stuckReason: null,
    ratePerMinute,
    pacedFrom: at,
    movedBeforePace: 0,
  };
}

/**
 * Users the rate allows to move now: floor(rate × minutes since the pace began) minus those
 * moved since. Never negative; the caller also bounds it by its batch.
 */
export function movesAllowed(move: MaintenanceMove, now: number): number {
  const minutes = Math.max(0, now - move.pacedFrom) / MINUTE;
  const moved = move.usersMoved - move.movedBeforePace;
  return Math.max(0, Math.floor(move.ratePerMinute * minutes) - moved);
}

export const NO_OTHER_NODE = 'The cluster has no other node to take its users.';
export const OTHERS_NOT_SERVING = 'The other nodes of the cluster are down or in maintenance mode.';
export const OTHERS_FULL = 'The other nodes of the cluster are full.';
export const OTHERS_FULL_OR_NOT_SERVING =
  'The other nodes of the cluster are full, down or in maintenance mode.';

/**
 * Why no user of `node` can move now, in words for the admin (null when one can): every other
 * node of the cluster is full, down or in maintenance mode, or there is none.
 */
export function stuckReason(
  node: Pick<ConnectorNode, 'id' | 'clusterId'>,
  nodes: readonly ConnectorNode[],
  usersByNode: ReadonlyMap<string, number>,
  capacity: number,
): string | null {
  const { eligible, notServing } = otherNodes(node, nodes);
  if (eligible.some((n) => (usersByNode.get(n.id) ?? 0) < capacity)) return null;
  if (eligible.length === 0) return notServing.length === 0 ? NO_OTHER_NODE : OTHERS_NOT_SERVING;
  return notServing.length === 0 ? OTHERS_FULL : OTHERS_FULL_OR_NOT_SERVING;
}

/**
 * The move as the console shows it. The estimate assumes the move goes on at its rate from
 * where the pace stands; while stuck there is none (it depends on when room appears).
 */
export function maintenanceProgress(
  move: MaintenanceMove,
  usersLeft: number,
  now: number,
): MaintenanceProgress {
  const movedSincePace = move.usersMoved - move.movedBeforePace;
  const doneAt = move.pacedFrom + ((movedSincePace + usersLeft) / move.ratePerMinute) * MINUTE;
  return {
    startedAt: new Date(move.startedAt).toISOString(),
    usersAtStart: move.usersAtStart,
    usersLeft,
    usersMoved: move.usersMoved,
    ratePerMinute: move.ratePerMinute,
    estimatedCompletionAt:
      move.stuckReason === null ? new Date(Math.ceil(Math.max(now, doneAt))).toISOString() : null,
    stuckReason: move.stuckReason,
  };
}

/** Seconds the move of `users` takes at `ratePerMinute`. */
export function moveSeconds(users: number, ratePerMinute: number): number {
  return users === 0 ? 0 : Math.ceil((users / ratePerMinute) * 60);
}
