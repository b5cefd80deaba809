import {
  createEngine,
  isNodeEligible,
  nodeCapacity,
  type ConnectorNode,
  type ManualClock,
  type Store,
} from '@hybrid-hub/engine';

/**
 * Set-up for the maintenance benchmarks, never measured: the node to drain, and the organization
 * arranged so that the drain is all the due work there is.
 */

const MINUTE = 60_000;

export interface DrainCase {
  orgId: string;
  clusterId: string;
  clusterName: string;
  node: ConnectorNode;
  /** Users on the cluster's nodes (they stay there: the drain moves them between its nodes). */
  clusterUsers: number;
  capacity: number;
}

/**
 * A node that can hold `users` in a cluster whose other serving nodes can take them all, with at
 * least `users` users in the cluster: the busiest such cluster, and its first serving node.
 */
export async function pickDrainCase(
  store: Store,
  orgId: string,
  users: number,
): Promise<DrainCase> {
  const usersByNode = await store.countUsersByNode(orgId);
  const cases: DrainCase[] = [];
  for (const cluster of await store.listExpresswayClusters(orgId)) {
    const nodes = await store.listNodes(orgId, cluster.id);
    const serving = nodes.filter(isNodeEligible);
    const capacity = nodeCapacity(cluster.nodeSize);
    const usersOn = (list: typeof nodes) =>
      list.reduce((sum, n) => sum + (usersByNode.get(n.id) ?? 0), 0);
    const clusterUsers = usersOn(nodes);
    const servingUsers = usersOn(serving);
    if (
      serving.length >= 2 &&
      capacity >= users &&
      servingUsers >= users &&
      servingUsers <= (serving.length - 1) * capacity
    )
      cases.push({
        orgId,
        clusterId: cluster.id,
        clusterName: cluster.name,
        node: serving[0]!,
        clusterUsers,
        capacity,
      });
  }
  const busiest = cases.sort((a, b) => b.clusterUsers - a.clusterUsers)[0];
  if (!busiest)
    throw new Error(
      `No cluster of ${orgId} can drain a node of ${users} users: lower BENCH_DRAIN_USERS.`,
    );
  return busiest;
}

/**
 * Runs the demo's own due work (Pending users, automatic retries) to its end, with the retries
 * it schedules a day out, so that the drain that follows is the only due work for hours.
 */
export async function settleDueWork(store: Store, clock: ManualClock): Promise<void> {
  const engine = createEngine({ store, clock, retryDelayMs: 24 * 60 * MINUTE });
  // The demo's last due time is a retry at most 15 minutes after the seed.
  clock.advance(16 * MINUTE);
  while ((await engine.runDueWork()).more);
}

/**
 * Moves users of the cluster from its other serving nodes onto `drain.node` until it holds `users`,
 * straight through the store (no history, no event: the bench's arrangement, not a change the
 * engine made), in transactions of 5,000.
 */
export async function concentrateUsers(
  store: Store,
  drain: DrainCase,
  users: number,
): Promise<void> {
  const { orgId, node } = drain;
  const usersByNode = await store.countUsersByNode(orgId);
  let missing = users - (usersByNode.get(node.id) ?? 0);
  if (missing < 0) throw new Error(`${node.hostname} already holds more than ${users} users.`);
  for (const other of await store.listNodes(orgId, drain.clusterId)) {
    if (other.id === node.id || !isNodeEligible(other)) continue;
    let take = Math.min(missing, usersByNode.get(other.id) ?? 0);
    while (take > 0) {
      const batch = Math.min(take, 5000);
      await store.transaction(orgId, async (tx) => {
        const moving = await tx.listUsersOnNode(orgId, other.id, batch);
        await Promise.all(
          moving.map((user) =>
            tx.updateUser({ ...user, nodeId: node.id, version: user.version + 1 }, user.version),
          ),
        );
      });
      take -= batch;
      missing -= batch;
    }
  }
  if (missing > 0)
    throw new Error(
      `The cluster has ${missing} users too few to put ${users} on ${node.hostname}.`,
    );
}
