import type { ConnectorRestartResult } from '@hybrid-hub/contract';
import type { Actor } from '../model/actor.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { ImpNode } from '../model/deployment.ts';
import { isNodeReachable } from '../rules/lab-deployment.ts';
import { clusterChanged } from '../rules/maintenance-node.ts';
import { rediscover } from '../rules/rediscovery.ts';
import { reconcileOrgAlarms } from './alarms.ts';
import type { EngineContext } from './context.ts';
import { readImpTopology } from './imp-topology.ts';
import { reviewSessionMoves } from './session-moves.ts';

/**
 * Restart Message Connector on an Expressway cluster (SPEC "Connector restart", the guide's
 * "Refresh Connections to Unified CM IM and Presence Nodes"): the connector discovers the nodes
 * of each IM&P cluster configured on it again through AXL on the publisher, and resynchronizes
 * their versions; a restart-required alarm is over. What follows from the new node list (moves
 * stopped or started, alarms) lands in the same transaction.
 */
export async function restartMessageConnector(
  ctx: EngineContext,
  by: Actor,
  clusterId: string,
): Promise<ConnectorRestartResult> {
  const orgId = by.orgId;
  const at = ctx.clock.now(orgId);
  const result = await ctx.store.transaction(orgId, async (tx) => {
    const cluster = await tx.getExpresswayCluster(orgId, clusterId);
    if (!cluster) throw new NotFoundError('cluster', clusterId);
    if (!(await tx.listNodes(orgId, clusterId)).some(isNodeReachable))
      throw new ConflictError(
        `No node of ${cluster.name} responds: the Message Connector cannot be restarted.`,
      );
    const topology = await readImpTopology(tx, orgId);
    const found = rediscover(
      topology.impClusters.filter((c) => c.expresswayClusterId === clusterId),
      topology.impNodes,
    );
    for (const node of found.deleted) await tx.deleteImpNode(orgId, node.id);
    for (const node of found.changed) await tx.updateImpNode(node);
    const localIds = new Set(found.impClusterIds);
    for (const group of topology.presenceRedundancyGroups) {
      if (localIds.has(group.impClusterId) && group.connectorRestartRequired)
        await tx.updatePresenceRedundancyGroup({ ...group, connectorRestartRequired: false });
    }
    const touched: ImpNode[] = [...found.deleted, ...found.changed];
    await tx.appendEvents(orgId, at, [
      clusterChanged(
        clusterId,
        touched.map((n) => n.id),
      ),
    ]);
    await reviewSessionMoves(ctx, tx, orgId, at, await readImpTopology(tx, orgId));
    await reconcileOrgAlarms(ctx, tx, orgId, at);
    return found.result;
  });
  ctx.notify([orgId]);
  return { clusterId, restartedAt: new Date(at).toISOString(), ...result };
}
