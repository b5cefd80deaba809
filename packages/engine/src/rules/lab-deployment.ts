import type { LabImpNodeCreate, LabImpNodeUpdate, LabNodeUpdate } from '@hybrid-hub/contract';
import { ConflictError, ValidationError } from '../errors.ts';
import type {
  ConnectorNode,
  ImpCluster,
  ImpNode,
  PresenceRedundancyGroup,
} from '../model/deployment.ts';

/**
 * The Lab's changes to the deployment, as pure functions: each returns the row as it becomes
 * (null when the update changes nothing), or throws when the change cannot happen on premises.
 */

/** An IM&P cluster holds its publisher and up to 5 more nodes (SPEC "IM&P cluster"). */
export const MAX_IMP_NODES = 6;

/** A node answers the cloud while its Management Connector does (a failed node answers nothing). */
export function isNodeReachable(node: Pick<ConnectorNode, 'managementConnector'>): boolean {
  return node.managementConnector !== 'Not responding';
}

/**
 * Fail or recover an Expressway node, or its connectivity to the cloud. A failed node's
 * connectors stop answering (`Not responding`: an uncontrolled outage, its users stay assigned
 * and are affected); a recovered one's run again, except the Message Connector of a node in
 * maintenance mode, which maintenance keeps stopped. The revision moves with any change.
 */
export function applyLabNodeUpdate(
  node: ConnectorNode,
  update: LabNodeUpdate,
): ConnectorNode | null {
  let next = node;
  if (update.reachable !== undefined && update.reachable !== isNodeReachable(node)) {
    next = update.reachable
      ? {
          ...next,
          managementConnector: 'Running',
          messageConnector: node.maintenance === 'In maintenance mode' ? 'Stopped' : 'Running',
        }
      : { ...next, managementConnector: 'Not responding', messageConnector: 'Not responding' };
  }
  if (update.connectivity !== undefined && update.connectivity !== node.connectivity)
    next = { ...next, connectivity: update.connectivity };
  return next === node ? null : { ...next, revision: node.revision + 1 };
}

/**
 * IM&P node outage and recovery, its AXL service down or up, or an upgrade: the node runs the
 * new version at once, while the connector shows the one it synchronized until it restarts.
 */
export function applyLabImpNodeUpdate(node: ImpNode, update: LabImpNodeUpdate): ImpNode | null {
  const next: ImpNode = {
    ...node,
    status: update.status ?? node.status,
    axlServiceRunning: update.axlServiceRunning ?? node.axlServiceRunning,
    runningVersion: update.version ?? node.runningVersion,
  };
  const same =
    next.status === node.status &&
    next.axlServiceRunning === node.axlServiceRunning &&
    next.runningVersion === node.runningVersion;
  return same ? null : next;
}

/**
 * A node added on premises: Operational, running the publisher's version, AXL running, not yet
 * discovered (the connector learns of it only when restarted). At most MAX_IMP_NODES per
 * cluster, addresses unique in the cluster, two nodes per presence redundancy group.
 */
export function newImpNode(
  cluster: ImpCluster,
  clusterNodes: readonly ImpNode[],
  groups: readonly PresenceRedundancyGroup[],
  request: LabImpNodeCreate,
  id: string,
): ImpNode {
  const present = clusterNodes.filter((n) => !n.removed);
  if (present.length >= MAX_IMP_NODES)
    throw new ConflictError(
      `${cluster.name} has ${MAX_IMP_NODES} nodes already: an IM and Presence cluster has its publisher and up to 5 more.`,
    );
  const address = request.address.toLowerCase();
  if (clusterNodes.some((n) => n.address.toLowerCase() === address))
    throw new ConflictError(`${cluster.name} already has a node ${request.address}.`);
  const groupId = request.presenceRedundancyGroupId ?? null;
  if (groupId !== null) {
    const group = groups.find((g) => g.id === groupId && g.impClusterId === cluster.id);
    if (!group)
      throw new ValidationError(
        'presenceRedundancyGroupId',
        `${cluster.name} has no presence redundancy group ${groupId}.`,
      );
    if (present.filter((n) => n.presenceRedundancyGroupId === groupId).length >= 2)
      throw new ConflictError(
        `${group.name} has two nodes already: a presence redundancy group pairs two nodes.`,
      );
  }
  const publisher = present.find((n) => n.isPublisher);
  const version = publisher?.runningVersion ?? clusterNodes[0]?.runningVersion ?? '';
  return {
    id,
    orgId: cluster.orgId,
    impClusterId: cluster.id,
    address: request.address,
    version,
    runningVersion: version,
    status: 'Operational',
    isPublisher: false,
    axlServiceRunning: true,
    presenceRedundancyGroupId: groupId,
    discovered: false,
    removed: false,
    sessionMove: null,
  };
}

/**
 * Whether a node can be removed on premises: never the publisher (the cluster is configured by
 * it), nor a node that users are homed on or whose sessions it serves or receives: move them
 * first, as IM and Presence itself requires.
 */
export function assertRemovable(
  node: ImpNode,
  usage: { sessions: number; homedUsers: number; incomingMove: boolean },
): void {
  if (node.isPublisher)
    throw new ConflictError(
      `${node.address} is the publisher of its IM and Presence cluster: it cannot be removed.`,
    );
  if (usage.sessions > 0 || node.sessionMove || usage.incomingMove)
    throw new ConflictError(
      `${node.address} serves Message Service sessions (${usage.sessions.toLocaleString('en-US')}), or sessions are moving to or from it: remove it once it serves none.`,
    );
  if (usage.homedUsers > 0)
    throw new ConflictError(
      `${usage.homedUsers.toLocaleString('en-US')} users are homed on ${node.address}: move them to another node first.`,
    );
}
