import type {
  ClusterDetail,
  ClusterListResponse,
  ClusterSummary,
  ImpCluster as ImpClusterView,
} from '@hybrid-hub/contract';
import type { Clock } from '../clock.ts';
import { NotFoundError } from '../errors.ts';
import type {
  ConnectorNode,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  PresenceRedundancyGroup,
} from '../model/deployment.ts';
import { activeSince } from '../rules/activity.ts';
import { clusterCapacity, isNodeEligible } from '../rules/capacity.ts';
import { clusterHealth } from '../rules/cluster-health.ts';
import { buildMessageServiceStatus, directorySources } from '../rules/message-service-status.ts';
import type { Store } from '../store/store.ts';
import { toSessionMoveView } from '../rules/session-moves.ts';
import { countAffectedUsers, toNodeView } from './node-view.ts';

function toClusterSummary(
  cluster: ExpresswayCluster,
  nodes: readonly ConnectorNode[],
  usersByNode: ReadonlyMap<string, number>,
  impClusterCount: number,
  openAlarms: number,
): ClusterSummary {
  return {
    id: cluster.id,
    name: cluster.name,
    nodeSize: cluster.nodeSize,
    nodeCount: nodes.length,
    nodesServing: nodes.filter(isNodeEligible).length,
    health: clusterHealth(nodes),
    users: nodes.reduce((sum, node) => sum + (usersByNode.get(node.id) ?? 0), 0),
    capacity: clusterCapacity(cluster.nodeSize, nodes.length),
    affectedUsers: countAffectedUsers(nodes, usersByNode),
    impClusterCount,
    openAlarms,
  };
}

/** `GET /clusters`: one row per Expressway cluster, from per-node counts (never the users). */
export async function listClusters(store: Store, orgId: string): Promise<ClusterListResponse> {
  const [clusters, nodes, impClusters, usersByNode, openAlarms] = await Promise.all([
    store.listExpresswayClusters(orgId),
    store.listNodes(orgId),
    store.listImpClusters(orgId),
    store.countUsersByNode(orgId),
    store.countOpenAlarmsByCluster(orgId),
  ]);
  return {
    items: clusters.map((cluster) =>
      toClusterSummary(
        cluster,
        nodes.filter((n) => n.clusterId === cluster.id),
        usersByNode,
        impClusters.filter((c) => c.expresswayClusterId === cluster.id).length,
        openAlarms.get(cluster.id) ?? 0,
      ),
    ),
  };
}

/** The IM&P cluster as configured on the Expressway: never its AXL password. */
function toImpClusterView(
  cluster: ImpCluster,
  impNodes: readonly ImpNode[],
  groups: readonly PresenceRedundancyGroup[],
): ImpClusterView {
  // The connector knows only the nodes it discovered through AXL.
  const nodes = impNodes
    .filter((n) => n.impClusterId === cluster.id && n.discovered)
    .sort(
      (a, b) => Number(b.isPublisher) - Number(a.isPublisher) || (a.address < b.address ? -1 : 1),
    );
  return {
    id: cluster.id,
    name: cluster.name,
    publisherAddress: cluster.publisherAddress,
    axlUsername: cluster.axlUsername,
    certificateValidation: cluster.certificateValidation ? 'On' : 'Off',
    nodes: nodes.map((n) => ({
      id: n.id,
      impClusterId: n.impClusterId,
      address: n.address,
      version: n.version,
      status: n.status,
      isPublisher: n.isPublisher,
      axlServiceRunning: n.axlServiceRunning,
      presenceRedundancyGroupId: n.presenceRedundancyGroupId,
      sessionMove: n.sessionMove && toSessionMoveView(n.sessionMove, impNodes),
    })),
    presenceRedundancyGroups: groups
      .filter((g) => g.impClusterId === cluster.id)
      .map((g) => ({
        id: g.id,
        name: g.name,
        highAvailability: g.highAvailability ? 'On' : 'Off',
        impNodeIds: nodes.filter((n) => n.presenceRedundancyGroupId === g.id).map((n) => n.id),
      })),
  };
}

/** `GET /clusters/{id}`: nodes, IM&P clusters and the Message Service Status page. */
export async function getCluster(
  store: Store,
  clock: Clock,
  orgId: string,
  clusterId: string,
): Promise<ClusterDetail> {
  const cluster = await store.getExpresswayCluster(orgId, clusterId);
  if (!cluster) throw new NotFoundError('cluster', clusterId);
  const [nodes, localImpClusters, allImpClusters, usersByNode, usersByHomeNode] = await Promise.all(
    [
      store.listNodes(orgId, clusterId),
      store.listImpClusters(orgId, clusterId),
      store.listImpClusters(orgId),
      store.countUsersByNode(orgId),
      store.countAssignedUsersByHomeNode(orgId, clusterId, activeSince(clock.now())),
    ],
  );
  const localIds = localImpClusters.map((c) => c.id);
  const [impNodes, groups, openAlarms] = await Promise.all([
    store.listImpNodes(orgId, localIds),
    store.listPresenceRedundancyGroups(orgId, localIds),
    store.countOpenAlarmsByCluster(orgId),
  ]);
  const sources = directorySources(nodes, localImpClusters, allImpClusters, impNodes);
  const [connected, icsa] = await Promise.all([
    store.countDirectoryEntries(orgId, sources.connected),
    store.countDirectoryEntries(orgId, sources.icsa),
  ]);
  const now = clock.now();
  return {
    ...toClusterSummary(
      cluster,
      nodes,
      usersByNode,
      localImpClusters.length,
      openAlarms.get(cluster.id) ?? 0,
    ),
    nodes: nodes.map((n) => toNodeView(n, cluster.nodeSize, usersByNode, now)),
    impClusters: localImpClusters.map((c) => toImpClusterView(c, impNodes, groups)),
    messageServiceStatus: buildMessageServiceStatus({
      nodes,
      localImpClusters,
      impNodes,
      usersFromConnectedImpClusters: connected,
      usersFromAllImpClustersIcsa: icsa,
      usersByNode,
      usersByHomeNode,
    }),
  };
}
