import type { ConnectorNode } from '../model/deployment.ts';
import { isNodeEligible } from './capacity.ts';

/**
 * Where the users of a node entering maintenance mode go (SPEC "Maintenance mode"): to the other
 * eligible nodes of the same cluster, balanced, never beyond a node's capacity. The impact
 * preview and the move itself both ask this, so the admin is shown what will happen.
 */

/** The other nodes of the node's cluster that can take users now, and those that cannot. */
export function otherNodes(
  node: Pick<ConnectorNode, 'id' | 'clusterId'>,
  nodes: readonly ConnectorNode[],
): { eligible: ConnectorNode[]; notServing: ConnectorNode[] } {
  const others = nodes.filter((n) => n.clusterId === node.clusterId && n.id !== node.id);
  return {
    eligible: others.filter(isNodeEligible),
    notServing: others.filter((n) => !isNodeEligible(n)),
  };
}

export interface MoveTarget {
  id: string;
  hostname: string;
  /** Users on the node now. */
  load: number;
}

export interface MovePlan {
  /** The target of each user placed, in placement order (users beyond the room are not). */
  order: string[];
  /** Each target's load once the placed users are on it. */
  loadsAfter: Map<string, number>;
  /** Users the targets have no room for. */
  withoutRoom: number;
}

/**
 * Water-filling: each user goes to the least-loaded target that still has room (ties by
 * hostname, then id: the order activation's `chooseConnectorNode` uses), so the lowest loads
 * rise first and the targets end as even as their starting loads and `capacity` allow.
 */
export function planMoves(
  targets: readonly MoveTarget[],
  capacity: number,
  count: number,
): MovePlan {
  const slots = [...targets]
    .sort((a, b) => compareText(a.hostname, b.hostname) || compareText(a.id, b.id))
    .map((t) => ({ id: t.id, load: t.load }));
  const order: string[] = [];
  for (let i = 0; i < count; i++) {
    let best: { id: string; load: number } | undefined;
    for (const slot of slots) {
      if (slot.load < capacity && (!best || slot.load < best.load)) best = slot;
    }
    if (!best) break;
    best.load++;
    order.push(best.id);
  }
  return {
    order,
    loadsAfter: new Map(slots.map((s) => [s.id, s.load])),
    withoutRoom: count - order.length,
  };
}

/** The targets of a move: `eligible` with their loads. */
export function moveTargets(
  eligible: readonly ConnectorNode[],
  usersByNode: ReadonlyMap<string, number>,
): MoveTarget[] {
  return eligible.map((n) => ({
    id: n.id,
    hostname: n.hostname,
    load: usersByNode.get(n.id) ?? 0,
  }));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
