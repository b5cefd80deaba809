import type { HistoryQuery, HistoryResponse, UserStatusCounts } from '@hybrid-hub/contract';
import { NotFoundError } from '../errors.ts';
import type { Store } from '../store/store.ts';

/** `GET /users/{id}/history`: newest first, read by index, with cluster and node names. */
export async function getUserHistory(
  store: Store,
  orgId: string,
  userId: string,
  query: HistoryQuery,
): Promise<HistoryResponse> {
  const [user, page, clusters, nodes] = await Promise.all([
    store.getUsers(orgId, [userId]),
    store.listHistory(orgId, userId, { page: query.page, pageSize: query.pageSize }),
    store.listExpresswayClusters(orgId),
    store.listNodes(orgId),
  ]);
  if (user.length === 0) throw new NotFoundError('user', userId);
  // Names as they are now; a line about a cluster or node since removed shows its id.
  const clusterNames = new Map(clusters.map((c) => [c.id, c.name]));
  const hostnames = new Map(nodes.map((n) => [n.id, n.hostname]));
  return {
    items: page.items.map((entry) => ({
      id: entry.id,
      at: new Date(entry.at).toISOString(),
      actor: entry.actor,
      fromStatus: entry.fromStatus,
      toStatus: entry.toStatus,
      code: entry.code,
      message: entry.message,
      cluster:
        entry.clusterId === null
          ? null
          : { id: entry.clusterId, name: clusterNames.get(entry.clusterId) ?? entry.clusterId },
      node:
        entry.nodeId === null
          ? null
          : { id: entry.nodeId, hostname: hostnames.get(entry.nodeId) ?? entry.nodeId },
    })),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** `GET /users/status-counts`: one aggregate read, never the users themselves. */
export async function getUserStatusCounts(store: Store, orgId: string): Promise<UserStatusCounts> {
  if (!(await store.getOrganization(orgId))) throw new NotFoundError('organization', orgId);
  const byStatus = await store.countUsersByStatus(orgId);
  const total = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
  return { total, byStatus };
}
