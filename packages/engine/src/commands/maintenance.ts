import type { ConnectorNode as ConnectorNodeView, MaintenanceRequest } from '@hybrid-hub/contract';
import type { Actor } from '../model/actor.ts';
import { NotFoundError, StaleRevisionError } from '../errors.ts';
import type { ConnectorNode, ExpresswayCluster } from '../model/deployment.ts';
import { toNodeView } from '../queries/node-view.ts';
import { clusterChanged, enterMaintenance, exitMaintenance } from '../rules/maintenance-node.ts';
import type { Store } from '../store/store.ts';
import type { EngineContext } from './context.ts';
import { leaveNodeWithoutConnector } from './maintenance-drain.ts';

/**
 * Enter or exit Control Hub's maintenance mode on a connector node (SPEC "Maintenance mode").
 * The checks and the write happen in one transaction, guarded by the node's revision, so two
 * admins sending the last two serving nodes of a cluster into maintenance at once cannot both
 * succeed: the second one sees the first node already entering, hence its own as the last.
 */
export async function setMaintenance(
  ctx: EngineContext,
  by: Actor,
  nodeId: string,
  request: MaintenanceRequest,
  expectedRevision: number,
): Promise<ConnectorNodeView> {
  const at = ctx.clock.now(by.orgId);
  const view = await ctx.store.transaction(by.orgId, async (tx) => {
    const { node, nodes, cluster } = await readNode(tx, by.orgId, nodeId);
    if (node.revision !== expectedRevision)
      throw new StaleRevisionError('node', nodeId, node.revision);
    const usersByNode = await tx.countUsersByNode(by.orgId);
    const users = usersByNode.get(node.id) ?? 0;
    const next =
      request.action === 'enter'
        ? enterMaintenance(node, nodes, cluster, users, {
            force: request.force === true,
            at,
            ratePerMinute: ctx.maintenanceRatePerMinute,
          })
        : exitMaintenance(node);
    if (!(await tx.updateNode(next, node.revision)))
      throw new StaleRevisionError('node', nodeId, node.revision);
    await tx.appendEvents(by.orgId, at, [clusterChanged(node.clusterId, [node.id])]);
    // Forced with users on it: they lose their connector. The first batch goes now, with the
    // command; the due work does the rest in batches, so that a 15,000-user node does not hold
    // the store in one transaction.
    if (next.maintenance === 'In maintenance mode' && users > 0) {
      const { left } = await leaveNodeWithoutConnector(tx, ctx, next, ctx.dueWorkBatchSize, at);
      usersByNode.set(node.id, left);
    }
    return toNodeView(next, cluster.nodeSize, usersByNode, at);
  });
  ctx.notify([by.orgId]);
  return view;
}

async function readNode(
  tx: Store,
  orgId: string,
  nodeId: string,
): Promise<{ node: ConnectorNode; nodes: ConnectorNode[]; cluster: ExpresswayCluster }> {
  const nodes = await tx.listNodes(orgId);
  const node = nodes.find((n) => n.id === nodeId);
  const cluster = node && (await tx.getExpresswayCluster(orgId, node.clusterId));
  if (!node || !cluster) throw new NotFoundError('node', nodeId);
  return { node, nodes, cluster };
}
