import type { ConnectorNode as ConnectorNodeView, NodeSize } from '@hybrid-hub/contract';
import type { ConnectorNode } from '../model/deployment.ts';
import { affectedUsersOf } from '../rules/affected-users.ts';
import { nodeCapacity } from '../rules/capacity.ts';
import { maintenanceProgress } from '../rules/maintenance-progress.ts';

/** A connector node as the API shows it: its state, users, capacity and maintenance progress. */
export function toNodeView(
  node: ConnectorNode,
  size: NodeSize,
  usersByNode: ReadonlyMap<string, number>,
  now: number,
): ConnectorNodeView {
  const users = usersByNode.get(node.id) ?? 0;
  const move = node.maintenance === 'Entering maintenance mode' ? node.maintenanceMove : null;
  return {
    id: node.id,
    clusterId: node.clusterId,
    hostname: node.hostname,
    size,
    version: node.version,
    connectivity: node.connectivity,
    managementConnector: node.managementConnector,
    messageConnector: node.messageConnector,
    maintenance: node.maintenance,
    maintenanceProgress: move ? maintenanceProgress(move, users, now) : null,
    revision: node.revision,
    users,
    capacity: nodeCapacity(size),
    usersAffected: affectedUsersOf(node, users) > 0,
  };
}

/** Users of these nodes that their node cannot serve now (ClusterSummary.affectedUsers). */
export function countAffectedUsers(
  nodes: readonly ConnectorNode[],
  usersByNode: ReadonlyMap<string, number>,
): number {
  return nodes.reduce((sum, node) => sum + affectedUsersOf(node, usersByNode.get(node.id) ?? 0), 0);
}
