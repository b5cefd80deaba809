import type { ClusterChangedEvent, ConnectorState } from '@hybrid-hub/contract';
import { ConflictError } from '../errors.ts';
import type { ConnectorNode, ExpresswayCluster } from '../model/deployment.ts';
import { otherNodes } from './maintenance-plan.ts';
import { startMove } from './maintenance-progress.ts';

/**
 * The node's side of maintenance mode (SPEC "Maintenance mode"), as pure functions: each returns
 * the node as it becomes, with its revision bumped, or throws ConflictError when the admin's
 * request does not fit the node's state.
 */

/**
 * Enter maintenance mode: `Entering maintenance mode` with a move of `users` at the rate, or
 * straight `In maintenance mode` when nobody moves. The last node that can serve the cluster
 * is refused unless `force` (its users would be left without service).
 */
export function enterMaintenance(
  node: ConnectorNode,
  nodes: readonly ConnectorNode[],
  cluster: Pick<ExpresswayCluster, 'name'>,
  users: number,
  { force, at, ratePerMinute }: { force: boolean; at: number; ratePerMinute: number },
): ConnectorNode {
  if (node.maintenance !== 'Off')
    throw new ConflictError(
      `${node.hostname} is already ${node.maintenance === 'In maintenance mode' ? 'in' : 'entering'} maintenance mode.`,
    );
  const isLast = otherNodes(node, nodes).eligible.length === 0;
  if (isLast && !force)
    throw new ConflictError(
      `${node.hostname} is the last node that can serve the users of ${cluster.name}: in maintenance mode, ${users.toLocaleString('en-US')} users would be left without service. Confirm with force to go ahead.`,
      'last_available_node',
    );
  // Nobody to move (or nowhere to move them): the node is in maintenance mode at once.
  if (isLast || users === 0) return completeMaintenance(node);
  return {
    ...node,
    maintenance: 'Entering maintenance mode',
    maintenanceMove: startMove(at, users, ratePerMinute),
    revision: node.revision + 1,
  };
}

/** Exit maintenance mode: eligible again. */
export function exitMaintenance(node: ConnectorNode): ConnectorNode {
  if (node.maintenance === 'Off')
    throw new ConflictError(`${node.hostname} is not in maintenance mode.`);
  // Exiting while entering cancels the move: the users already moved stay where they are.
  // The Message Connector maintenance stopped runs again; one that failed meanwhile does not.
  return {
    ...node,
    maintenance: 'Off',
    maintenanceMove: null,
    messageConnector: restarted(node.messageConnector),
    revision: node.revision + 1,
  };
}

/**
 * No user left on the node: it is in maintenance mode, its Message Connector stopped for the
 * admin's work. The Management Connector keeps running: it is how Control Hub reaches the node
 * to bring it back.
 */
export function completeMaintenance(node: ConnectorNode): ConnectorNode {
  return {
    ...node,
    maintenance: 'In maintenance mode',
    maintenanceMove: null,
    messageConnector: node.messageConnector === 'Running' ? 'Stopped' : node.messageConnector,
    revision: node.revision + 1,
  };
}

function restarted(state: ConnectorState): ConnectorState {
  return state === 'Stopped' ? 'Running' : state;
}

export function clusterChanged(clusterId: string, nodeIds: readonly string[]): ClusterChangedEvent {
  return { type: 'cluster.changed', clusterId, nodeIds: [...new Set(nodeIds)] };
}
