import type { LabDeployment, LabImpNode, LabNode } from '@hybrid-hub/contract';
import { NotFoundError } from '../errors.ts';
import type { ConnectorNode, ImpNode } from '../model/deployment.ts';
import { isNodeReachable } from '../rules/lab-deployment.ts';
import { toSessionMoveView } from '../rules/session-moves.ts';
import type { OrganizationClock } from '../simulation-clock.ts';
import type { Store } from '../store/store.ts';

const MINUTE = 60_000;

const publisherFirst = (a: ImpNode, b: ImpNode) =>
  Number(b.isPublisher) - Number(a.isPublisher) || (a.address < b.address ? -1 : 1);

/**
 * `GET /lab/deployment`: every part the Lab can fail, as it is on premises (a node removed
 * there is gone, even while the connector still knows it), with the sessions each IM&P node
 * serves and the users homed on it, and the organization's simulation clock.
 */
export async function getLabDeployment(
  store: Store,
  clock: OrganizationClock,
  orgId: string,
): Promise<LabDeployment> {
  if (!(await store.getOrganization(orgId))) throw new NotFoundError('organization', orgId);
  const [clusters, nodes, impClusters, impNodes, groups, usersByNode, homed] = await Promise.all([
    store.listExpresswayClusters(orgId),
    store.listNodes(orgId),
    store.listImpClusters(orgId),
    store.listImpNodes(orgId),
    store.listPresenceRedundancyGroups(orgId),
    store.countUsersByNode(orgId),
    store.countDirectoryEntriesByHomeNode(orgId),
  ]);
  // Sessions: assigned users by the IM&P node serving them, one Expressway cluster at a time.
  const sessions = new Map<string, number>();
  for (const perCluster of await Promise.all(
    clusters.map((c) => store.countAssignedUsersByHomeNode(orgId, c.id, 0)),
  )) {
    for (const [impNodeId, { enabled }] of perCluster)
      sessions.set(impNodeId, (sessions.get(impNodeId) ?? 0) + enabled);
  }
  const labNode = (n: ConnectorNode): LabNode => ({
    id: n.id,
    clusterId: n.clusterId,
    hostname: n.hostname,
    reachable: isNodeReachable(n),
    connectivity: n.connectivity,
    maintenance: n.maintenance,
    users: usersByNode.get(n.id) ?? 0,
  });
  const labImpNode = (n: ImpNode): LabImpNode => ({
    id: n.id,
    impClusterId: n.impClusterId,
    address: n.address,
    isPublisher: n.isPublisher,
    version: n.runningVersion,
    status: n.status,
    axlServiceRunning: n.axlServiceRunning,
    discovered: n.discovered,
    presenceRedundancyGroupId: n.presenceRedundancyGroupId,
    sessions: sessions.get(n.id) ?? 0,
    homedUsers: homed.get(n.id) ?? 0,
    sessionMove: n.sessionMove && toSessionMoveView(n.sessionMove, impNodes),
  });
  return {
    now: new Date(clock.now()).toISOString(),
    clockOffsetMinutes: Math.round(clock.offsetMs / MINUTE),
    clusters: clusters.map((c) => ({
      id: c.id,
      name: c.name,
      nodes: nodes.filter((n) => n.clusterId === c.id).map(labNode),
    })),
    impClusters: impClusters.map((c) => ({
      id: c.id,
      name: c.name,
      expresswayClusterId: c.expresswayClusterId,
      nodes: impNodes
        .filter((n) => n.impClusterId === c.id && !n.removed)
        .sort(publisherFirst)
        .map(labImpNode),
      presenceRedundancyGroups: groups
        .filter((g) => g.impClusterId === c.id)
        .map((g) => ({ id: g.id, name: g.name, highAvailability: g.highAvailability })),
    })),
  };
}
