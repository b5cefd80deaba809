import type {
  MaintenancePreview,
  MaintenanceWarning,
  UserActivityTotals,
} from '@hybrid-hub/contract';
import type { Clock } from '../clock.ts';
import { NotFoundError } from '../errors.ts';
import type { ConnectorNode } from '../model/deployment.ts';
import { activeSince } from '../rules/activity.ts';
import { nodeCapacity } from '../rules/capacity.ts';
import { moveTargets, otherNodes, planMoves } from '../rules/maintenance-plan.ts';
import { moveSeconds } from '../rules/maintenance-progress.ts';
import { percentOf } from '../rules/message-service-status.ts';
import type { Store } from '../store/store.ts';

/**
 * `GET /nodes/{id}/maintenance/preview`: what entering maintenance mode now would do — the
 * users that move, where to (the same plan the move follows), how long at the rate, and what
 * the admin should know first. Computed from one read of the cluster's nodes and the node
 * loads, so `revision` is the state the numbers describe.
 */
export async function previewMaintenance(
  store: Store,
  orgId: string,
  nodeId: string,
  ratePerMinute: number,
): Promise<MaintenancePreview> {
  const node = (await store.listNodes(orgId)).find((n) => n.id === nodeId);
  if (!node) throw new NotFoundError('node', nodeId);
  const [cluster, nodes, usersByNode] = await Promise.all([
    store.getExpresswayCluster(orgId, node.clusterId),
    store.listNodes(orgId, node.clusterId),
    store.countUsersByNode(orgId),
  ]);
  if (!cluster) throw new NotFoundError('node', nodeId);
  const capacity = nodeCapacity(cluster.nodeSize);
  const usersMoving = usersByNode.get(node.id) ?? 0;
  const { eligible, notServing } = otherNodes(node, nodes);
  const requiresForce = eligible.length === 0;
  const plan = planMoves(moveTargets(eligible, usersByNode), capacity, usersMoving);
  const usersWithoutRoom = requiresForce ? usersMoving : plan.withoutRoom;

  const warnings: MaintenanceWarning[] = [];
  if (requiresForce) {
    warnings.push({
      code: 'LAST_AVAILABLE_NODE',
      message: `No other node of ${cluster.name} can serve its users: in maintenance mode, ${count(usersMoving, 'user')} of ${node.hostname} would be left without service (Error NO_CONNECTOR_AVAILABLE, retried automatically) until a node of the cluster serves again.`,
    });
  } else if (usersWithoutRoom > 0) {
    warnings.push({
      code: 'INSUFFICIENT_CAPACITY',
      message: `The other nodes of ${cluster.name} have room for ${count(usersMoving - usersWithoutRoom, 'user')} of ${usersMoving.toLocaleString('en-US')}: the move will stop with ${count(usersWithoutRoom, 'user')} left on ${node.hostname} until room is made.`,
    });
  }
  if (notServing.length > 0) {
    warnings.push({
      code: 'NODES_NOT_SERVING',
      message: `${hostnames(notServing)} ${notServing.length === 1 ? 'is' : 'are'} down or in maintenance mode and ${notServing.length === 1 ? 'takes' : 'take'} no users.`,
    });
  }

  return {
    nodeId: node.id,
    hostname: node.hostname,
    revision: node.revision,
    usersMoving,
    targets: eligible.map((target) => ({
      nodeId: target.id,
      hostname: target.hostname,
      usersBefore: usersByNode.get(target.id) ?? 0,
      usersAfter: plan.loadsAfter.get(target.id) ?? 0,
      capacity,
    })),
    usersWithoutRoom,
    ratePerMinute,
    estimatedSeconds: moveSeconds(usersMoving - usersWithoutRoom, ratePerMinute),
    requiresForce,
    warnings,
  };
}

/**
 * `GET /users/activity`: the organization's enabled users split by the 72-hour activity window
 * (two index counts in the store, never a walk of the users).
 */
export async function getUserActivity(
  store: Store,
  clock: Clock,
  orgId: string,
): Promise<UserActivityTotals> {
  if (!(await store.getOrganization(orgId))) throw new NotFoundError('organization', orgId);
  const { enabled, active } = await store.countUserActivity(orgId, activeSince(clock.now()));
  const inactive = enabled - active;
  return {
    enabled,
    active,
    activePercent: percentOf(active, enabled),
    inactive,
    inactivePercent: percentOf(inactive, enabled),
  };
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function hostnames(nodes: readonly ConnectorNode[]): string {
  const names = nodes.map((n) => n.hostname);
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
