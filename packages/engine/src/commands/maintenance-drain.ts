import type { ConnectorNode } from '../model/deployment.ts';
import { nodeCapacity } from '../rules/capacity.ts';
import { clusterChanged, completeMaintenance } from '../rules/maintenance-node.ts';
import { moveTargets, otherNodes, planMoves } from '../rules/maintenance-plan.ts';
import { movesAllowed, stuckReason, type MaintenanceMove } from '../rules/maintenance-progress.ts';
import { leaveWithoutConnector, moveUser } from '../rules/maintenance-users.ts';
import type { Store } from '../store/store.ts';
import type { EngineContext } from './context.ts';
import { DueWorkReads } from './due-work-reads.ts';
import { writeUserChanges } from './write-changes.ts';

export interface MaintenanceDrainReport {
  /** Users moved off nodes entering maintenance mode, in this call. */
  moved: number;
  /** Users of nodes forced into maintenance mode that lost their connector, in this call. */
  leftWithoutConnector: number;
  /** The budget ran out with users that could move at once: call again. */
  more: boolean;
}

/**
 * The due work of maintenance mode: for each node `Entering maintenance mode`, the users its
 * rate allows now move to the least-loaded eligible nodes of the cluster (never beyond their
 * capacity), and the node is `In maintenance mode` once none is left; for each node forced
 * into maintenance mode with users still on it, those users go to Error NO_CONNECTOR_AVAILABLE.
 * One node per transaction, `budget` users per call in all (the due-work batch), so requests
 * never wait behind more than a batch.
 */
export async function runMaintenanceDrain(
  ctx: EngineContext,
  budget: number,
  reads = new DueWorkReads(ctx.store),
): Promise<MaintenanceDrainReport> {
  const report: MaintenanceDrainReport = { moved: 0, leftWithoutConnector: 0, more: false };
  for (const org of await reads.organizations()) {
    const at = ctx.clock.now(org.id);
    for (const candidate of await candidates(ctx.store, reads, org.id)) {
      if (budget <= 0) return { ...report, more: true };
      reads.nodesWritten(org.id);
      const step = await ctx.store.transaction(org.id, (tx) =>
        drainNode(tx, ctx, candidate, budget, at),
      );
      if (step.changed) ctx.notify([org.id]);
      report.moved += step.moved;
      report.leftWithoutConnector += step.leftWithoutConnector;
      report.more ||= step.more;
      budget -= step.moved + step.leftWithoutConnector;
    }
  }
  return report;
}

/**
 * Nodes with maintenance work, read outside any transaction (each is read again inside its
 * own): every node entering, and the nodes in maintenance mode that still have users.
 */
async function candidates(
  store: Store,
  reads: DueWorkReads,
  orgId: string,
): Promise<ConnectorNode[]> {
  const nodes = (await reads.nodes(orgId)).filter((n) => n.maintenance !== 'Off');
  if (!nodes.some((n) => n.maintenance === 'In maintenance mode')) return nodes;
  const usersByNode = await store.countUsersByNode(orgId);
  return nodes.filter(
    (n) => n.maintenance === 'Entering maintenance mode' || (usersByNode.get(n.id) ?? 0) > 0,
  );
}

interface DrainStep {
  moved: number;
  leftWithoutConnector: number;
  more: boolean;
  /** Something was written (and an event appended). */
  changed: boolean;
}

const NOTHING: DrainStep = { moved: 0, leftWithoutConnector: 0, more: false, changed: false };

async function drainNode(
  tx: Store,
  ctx: EngineContext,
  candidate: ConnectorNode,
  budget: number,
  at: number,
): Promise<DrainStep> {
  const nodes = await tx.listNodes(candidate.orgId, candidate.clusterId);
  const node = nodes.find((n) => n.id === candidate.id);
  if (node?.maintenance === 'In maintenance mode') {
    const { written, left } = await leaveNodeWithoutConnector(tx, ctx, node, budget, at);
    return { ...NOTHING, leftWithoutConnector: written, more: left > 0, changed: written > 0 };
  }
  if (node?.maintenance !== 'Entering maintenance mode') return NOTHING; // exited meanwhile
  const cluster = await tx.getExpresswayCluster(node.orgId, node.clusterId);
  if (!cluster) return NOTHING;
  const usersByNode = await tx.countUsersByNode(node.orgId);
  const left = usersByNode.get(node.id) ?? 0;
  const capacity = nodeCapacity(cluster.nodeSize);
  const move = node.maintenanceMove ?? {
    // A node entering without a move (written by an older version): the move starts now.
    startedAt: at,
    usersAtStart: left,
    usersMoved: 0,
    stuckReason: null,
    ratePerMinute: ctx.maintenanceRatePerMinute,
    pacedFrom: at,
    movedBeforePace: 0,
  };

  if (left === 0) return finish(tx, node, [], 0);
  const reason = stuckReason(node, nodes, usersByNode, capacity);
  if (reason !== null || move.stuckReason !== null) {
    if (reason === move.stuckReason) return NOTHING;
    // Stuck now, or moving again: room appeared, and the rate counts from now (the time spent
    // waiting does not release a burst of moves).
    const resumed = reason === null ? { pacedFrom: at, movedBeforePace: move.usersMoved } : {};
    await writeProgress(tx, node, { ...move, ...resumed, stuckReason: reason }, [], at);
    return { ...NOTHING, changed: true };
  }

  const allowed = Math.min(budget, left, movesAllowed(move, at));
  if (allowed <= 0) return NOTHING;
  const { eligible } = otherNodes(node, nodes);
  const plan = planMoves(moveTargets(eligible, usersByNode), capacity, allowed);
  const users = await tx.listUsersOnNode(node.orgId, node.id, plan.order.length);
  const hostnames = new Map(eligible.map((n) => [n.id, n.hostname]));
  const changes = users.map((user, i) => {
    const nodeId = plan.order[i]!;
    return moveUser(user, { nodeId, hostname: hostnames.get(nodeId)! }, node.hostname, at);
  });
  const written = await writeUserChanges(tx, node.orgId, changes, at, ctx.newId);
  const targets = written.map((change) => change.after.nodeId!);
  const step = { ...NOTHING, moved: written.length, changed: true };
  if (written.length === left) {
    await finish(tx, node, targets, at);
    return step;
  }
  // This step may have filled the last room: say so now, with the step, rather than leave the
  // console showing a move that looks under way until the next tick finds it stuck.
  usersByNode.set(node.id, left - written.length);
  for (const target of targets) usersByNode.set(target, (usersByNode.get(target) ?? 0) + 1);
  const stuckNow = stuckReason(node, nodes, usersByNode, capacity);
  const progress = {
    ...move,
    usersMoved: move.usersMoved + written.length,
    stuckReason: stuckNow,
  };
  await writeProgress(tx, node, progress, targets, at);
  // The batch, not the rate or the room, stopped this call: there is more to do at once.
  return { ...step, more: stuckNow === null && written.length === budget };
}

/** The move's progress: the node's revision stays (progress is no change of its state). */
async function writeProgress(
  tx: Store,
  node: ConnectorNode,
  move: MaintenanceMove,
  targets: readonly string[],
  at: number,
): Promise<void> {
  await tx.updateNode({ ...node, maintenanceMove: move }, node.revision);
  await tx.appendEvents(node.orgId, at, [clusterChanged(node.clusterId, [node.id, ...targets])]);
}

/** No user left: the node is in maintenance mode. */
async function finish(
  tx: Store,
  node: ConnectorNode,
  targets: readonly string[],
  at: number,
): Promise<DrainStep> {
  await tx.updateNode(completeMaintenance(node), node.revision);
  await tx.appendEvents(node.orgId, at, [clusterChanged(node.clusterId, [node.id, ...targets])]);
  return { ...NOTHING, changed: true };
}

/**
 * Up to `limit` users of a node forced into maintenance mode go to Error NO_CONNECTOR_AVAILABLE
 * (retried automatically). Returns how many, and how many are still on the node.
 */
export async function leaveNodeWithoutConnector(
  tx: Store,
  ctx: EngineContext,
  node: ConnectorNode,
  limit: number,
  at: number,
): Promise<{ written: number; left: number }> {
  const before = (await tx.countUsersByNode(node.orgId)).get(node.id) ?? 0;
  const users = await tx.listUsersOnNode(node.orgId, node.id, limit);
  const changes = users.map((user) =>
    leaveWithoutConnector(user, node.hostname, at, ctx.retryDelayMs),
  );
  const written = await writeUserChanges(tx, node.orgId, changes, at, ctx.newId);
  if (written.length > 0)
    await tx.appendEvents(node.orgId, at, [clusterChanged(node.clusterId, [node.id])]);
  return { written: written.length, left: before - written.length };
}
