import type {
  HubEvent,
  LabDeployment,
  LabImpNodeCreate,
  LabImpNodeUpdate,
  LabNodeUpdate,
  LabPresenceGroupUpdate,
} from '@hybrid-hub/contract';
import type { Actor } from '../model/actor.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { ImpNode } from '../model/deployment.ts';
import { getLabDeployment } from '../queries/lab-deployment-query.ts';
import {
  applyLabImpNodeUpdate,
  applyLabNodeUpdate,
  assertRemovable,
  newImpNode,
} from '../rules/lab-deployment.ts';
import { clusterChanged } from '../rules/maintenance-node.ts';
import { servingExpresswayCluster, startSessionMove } from '../rules/session-moves.ts';
import type { SimulationClock } from '../simulation-clock.ts';
import type { Store } from '../store/store.ts';
import { reconcileOrgAlarms } from './alarms.ts';
import type { EngineContext } from './context.ts';
import { readImpTopology, type LiveImpTopology } from './imp-topology.ts';
import { reviewSessionMoves } from './session-moves.ts';

/** What the Lab's deployment commands need: the engine's context and its simulation clock. */
export interface LabContext extends EngineContext {
  simulation: SimulationClock;
}

const MINUTE = 60_000;
/** One fast-forward step at most (the contract's bound, checked here for every caller). */
export const MAX_CLOCK_STEP_MINUTES = 24 * 60;

/**
 * Runs one Lab change in a transaction, then what follows from it in the same transaction:
 * session moves started or stopped (an IM&P node failing, a peer coming back), the alarms
 * brought in line, and `cluster.changed` for every Expressway cluster the change touched.
 * Answers the Lab deployment as it is after the commit.
 */
async function labChange(
  ctx: LabContext,
  by: Actor,
  change: (tx: Store, at: number, topology: LiveImpTopology) => Promise<HubEvent[]>,
): Promise<LabDeployment> {
  const orgId = by.orgId;
  const at = ctx.clock.now(orgId);
  await ctx.store.transaction(orgId, async (tx) => {
    if (!(await tx.getOrganization(orgId))) throw new NotFoundError('organization', orgId);
    const events = await change(tx, at, await readImpTopology(tx, orgId));
    if (events.length > 0) await tx.appendEvents(orgId, at, events);
    await reviewSessionMoves(ctx, tx, orgId, at, await readImpTopology(tx, orgId));
    await reconcileOrgAlarms(ctx, tx, orgId, at);
  });
  ctx.notify([orgId]);
  return getLabDeployment(ctx.store, ctx.clock.forOrg(orgId), orgId);
}

/** `PUT /lab/nodes/{id}`: an Expressway node fails or recovers, or its cloud connectivity. */
export function updateLabNode(
  ctx: LabContext,
  by: Actor,
  nodeId: string,
  update: LabNodeUpdate,
): Promise<LabDeployment> {
  return labChange(ctx, by, async (tx) => {
    const node = (await tx.listNodes(by.orgId)).find((n) => n.id === nodeId);
    if (!node) throw new NotFoundError('node', nodeId);
    const next = applyLabNodeUpdate(node, update);
    if (!next) return [];
    if (!(await tx.updateNode(next, node.revision)))
      throw new ConflictError(`${node.hostname} changed meanwhile: try again.`);
    return [clusterChanged(node.clusterId, [node.id])];
  });
}

/** The IM&P node of the organization (one removed on premises is gone: not found). */
function impNodeOf(topology: LiveImpTopology, impNodeId: string): ImpNode {
  const node = topology.impNodes.find((n) => n.id === impNodeId && !n.removed);
  if (!node) throw new NotFoundError('IM&P node', impNodeId);
  return node;
}

/** `cluster.changed` for the Expressway cluster an IM&P cluster is configured on, if any. */
function impClusterChanged(
  topology: LiveImpTopology,
  impClusterId: string,
  impNodeIds: readonly string[],
): HubEvent[] {
  const clusterId = topology.impClusters.find((c) => c.id === impClusterId)?.expresswayClusterId;
  return clusterId ? [clusterChanged(clusterId, impNodeIds)] : [];
}

/** `PUT /lab/imp-nodes/{id}`: outage and recovery, AXL service down or up, an upgrade. */
export function updateLabImpNode(
  ctx: LabContext,
  by: Actor,
  impNodeId: string,
  update: LabImpNodeUpdate,
): Promise<LabDeployment> {
  return labChange(ctx, by, async (tx, _at, topology) => {
    const node = impNodeOf(topology, impNodeId);
    const next = applyLabImpNodeUpdate(node, update);
    if (!next) return [];
    await tx.updateImpNode(next);
    return impClusterChanged(topology, node.impClusterId, [node.id]);
  });
}

/**
 * `POST /lab/imp-nodes/{id}/fallback`: manual fallback once the node is back. The sessions of
 * users homed on it (in the directory) that its presence redundancy group peer serves move back
 * to it, after the same delay and at the same rate as a failover ("a similar wait").
 */
export function fallBackImpNode(
  ctx: LabContext,
  by: Actor,
  impNodeId: string,
): Promise<LabDeployment> {
  return labChange(ctx, by, async (tx, at, topology) => {
    const node = impNodeOf(topology, impNodeId);
    if (node.status !== 'Operational')
      throw new ConflictError(`${node.address} is in Outage: fall back once it is back.`);
    const clusterId = servingExpresswayCluster(node, topology);
    if (!clusterId)
      throw new ConflictError(
        `No Message Connector serves ${node.address}: its IM and Presence cluster is not connected, or the node is not discovered.`,
      );
    const peer = topology.impNodes.find(
      (n) =>
        node.presenceRedundancyGroupId !== null &&
        n.presenceRedundancyGroupId === node.presenceRedundancyGroupId &&
        n.id !== node.id &&
        !n.removed,
    );
    if (!peer)
      throw new ConflictError(
        `${node.address} has no presence redundancy group peer to fall back from.`,
      );
    if (peer.sessionMove)
      throw new ConflictError(
        peer.sessionMove.kind === 'fallback' && peer.sessionMove.toImpNodeId === node.id
          ? `A fallback to ${node.address} is under way already.`
          : `Sessions are moving off ${peer.address} already: fall back once they have moved.`,
      );
    const sessions = await tx.countSessions(by.orgId, {
      clusterId,
      impNodeId: peer.id,
      directoryHomeImpNodeId: node.id,
    });
    if (sessions === 0)
      throw new ConflictError(
        `Nothing to fall back: ${peer.address} serves no session of a user homed on ${node.address}.`,
      );
    const move = startSessionMove('fallback', node.id, sessions, at, ctx.sessionMovePace);
    await tx.updateImpNode({ ...peer, sessionMove: move });
    return [clusterChanged(clusterId, [peer.id, node.id])];
  });
}

/** `POST /lab/imp-clusters/{id}/nodes`: a node added on premises, not yet discovered. */
export function addLabImpNode(
  ctx: LabContext,
  by: Actor,
  impClusterId: string,
  request: LabImpNodeCreate,
): Promise<LabDeployment> {
  return labChange(ctx, by, async (tx, _at, topology) => {
    const cluster = topology.impClusters.find((c) => c.id === impClusterId);
    if (!cluster) throw new NotFoundError('IM&P cluster', impClusterId);
    const node = newImpNode(
      cluster,
      topology.impNodes.filter((n) => n.impClusterId === cluster.id),
      topology.presenceRedundancyGroups,
      request,
      ctx.newId(`${cluster.id}-node`),
    );
    await tx.insertImpNode(node);
    return impClusterChanged(topology, cluster.id, [node.id]);
  });
}

/**
 * `DELETE /lab/imp-nodes/{id}`: a node removed on premises. The connector keeps knowing a node
 * it discovered (unreachable now, so in Outage) until it restarts; one it never discovered is
 * simply gone.
 */
export function removeLabImpNode(
  ctx: LabContext,
  by: Actor,
  impNodeId: string,
): Promise<LabDeployment> {
  return labChange(ctx, by, async (tx, _at, topology) => {
    const node = impNodeOf(topology, impNodeId);
    const clusterId = topology.impClusters.find(
      (c) => c.id === node.impClusterId,
    )?.expresswayClusterId;
    const [sessions, homed] = await Promise.all([
      clusterId ? tx.countSessions(by.orgId, { clusterId, impNodeId: node.id }) : 0,
      tx.countDirectoryEntriesByHomeNode(by.orgId),
    ]);
    assertRemovable(node, {
      sessions,
      homedUsers: homed.get(node.id) ?? 0,
      incomingMove: topology.impNodes.some((n) => n.sessionMove?.toImpNodeId === node.id),
    });
    if (node.discovered) await tx.updateImpNode({ ...node, removed: true, status: 'Outage' });
    else await tx.deleteImpNode(by.orgId, node.id);
    return impClusterChanged(topology, node.impClusterId, [node.id]);
  });
}

/**
 * `PUT /lab/presence-groups/{id}`: high availability On or Off. Changed while the group's nodes
 * serve the Message Service (discovered, on a connected IM&P cluster, with sessions), the
 * Message Connector must be restarted (the guide): the group says so until it is.
 */
export function updateLabPresenceGroup(
  ctx: LabContext,
  by: Actor,
  groupId: string,
  update: LabPresenceGroupUpdate,
): Promise<LabDeployment> {
  return labChange(ctx, by, async (tx, _at, topology) => {
    const group = topology.presenceRedundancyGroups.find((g) => g.id === groupId);
    if (!group) throw new NotFoundError('presence redundancy group', groupId);
    if (group.highAvailability === update.highAvailability) return [];
    const members = topology.impNodes.filter(
      (n) => n.presenceRedundancyGroupId === group.id && !n.removed,
    );
    let inUse = false;
    for (const node of members) {
      const clusterId = servingExpresswayCluster(node, topology);
      if (clusterId && (await tx.countSessions(by.orgId, { clusterId, impNodeId: node.id })) > 0)
        inUse = true;
    }
    await tx.updatePresenceRedundancyGroup({
      ...group,
      highAvailability: update.highAvailability,
      connectorRestartRequired: group.connectorRestartRequired || inUse,
    });
    return impClusterChanged(
      topology,
      group.impClusterId,
      members.map((n) => n.id),
    );
  });
}

/**
 * `POST /lab/clock`: fast-forward the caller's organization's simulation clock by `minutes`
 * (no other organization's: see SimulationClock). The offset is stored, so every replica moves
 * with it; the due work then catches up with whatever fell due meanwhile in that organization.
 */
export async function advanceClock(
  ctx: LabContext,
  by: Actor,
  minutes: number,
): Promise<LabDeployment> {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_CLOCK_STEP_MINUTES)
    throw new ValidationError(
      'minutes',
      `Fast-forward by a whole number of minutes from 1 to ${MAX_CLOCK_STEP_MINUTES}.`,
    );
  if (!(await ctx.store.getOrganization(by.orgId)))
    throw new NotFoundError('organization', by.orgId);
  const offset = await ctx.store.advanceClockOffset(by.orgId, minutes * MINUTE);
  ctx.simulation.adopt(by.orgId, offset);
  return getLabDeployment(ctx.store, ctx.clock.forOrg(by.orgId), by.orgId);
}
