import type { HubEvent } from '@hybrid-hub/contract';
import type { ImpNode } from '../model/deployment.ts';
import { clusterChanged } from '../rules/maintenance-node.ts';
import {
  failoverTarget,
  isMoveStillValid,
  moveSession,
  servingExpresswayCluster,
  sessionsAllowedBy,
  startSessionMove,
  widenToFailover,
  type ImpTopology,
} from '../rules/session-moves.ts';
import type { SessionFilter, Store } from '../store/store.ts';
import type { EngineContext } from './context.ts';
import { DueWorkReads } from './due-work-reads.ts';
import { readImpTopology, type LiveImpTopology } from './imp-topology.ts';
import { writeUserChanges } from './write-changes.ts';

export interface SessionMoveReport {
  /** Sessions moved (failover or fallback) in this call. */
  moved: number;
  /** The budget ran out with sessions that could move at once: call again. */
  more: boolean;
}

/** The sessions a move takes: all of the source's, or (fallback) those homed on the target. */
function movingSessions(source: ImpNode, clusterId: string): SessionFilter {
  const move = source.sessionMove!;
  return move.kind === 'failover'
    ? { clusterId, impNodeId: source.id }
    : { clusterId, impNodeId: source.id, directoryHomeImpNodeId: move.toImpNodeId };
}

/**
 * Sessions move in steps of about ten seconds' worth at the move's rate (at least one), not one
 * or two per due-work tick: each step is a transaction and two events, and the console follows
 * the events. The last step takes whatever is left.
 */
function stepSize(sessionsPerMinute: number): number {
  return Math.max(1, Math.ceil(sessionsPerMinute / 6));
}

/** Whether a valid move has a step due at `at`. */
function hasStepDue(source: ImpNode, at: number): boolean {
  const move = source.sessionMove!;
  const allowed = sessionsAllowedBy(move, at);
  if (at < move.startsAt) return false;
  return (
    allowed >= move.sessionsAtStart ||
    allowed - move.sessionsMoved >= stepSize(move.sessionsPerMinute)
  );
}

/**
 * Starts and stops one organization's session moves to fit the deployment as it is, inside the
 * caller's transaction (`topology` read in it): a move that no longer makes sense stops (see
 * `isMoveStillValid`), and a node in Outage whose high-availability peer can take its sessions
 * starts failing over (when it has sessions). Announces each change on its Expressway cluster.
 * Returns whether anything changed; `topology` is updated in place.
 */
export async function reviewSessionMoves(
  ctx: EngineContext,
  tx: Store,
  orgId: string,
  at: number,
  topology: LiveImpTopology,
): Promise<boolean> {
  const events: HubEvent[] = [];
  const write = async (node: ImpNode, others: readonly string[]) => {
    await tx.updateImpNode(node);
    topology.impNodes[topology.impNodes.findIndex((n) => n.id === node.id)] = node;
    const clusterId = topology.impClusters.find(
      (c) => c.id === node.impClusterId,
    )?.expresswayClusterId;
    if (clusterId) events.push(clusterChanged(clusterId, [node.id, ...others]));
  };
  for (const node of [...topology.impNodes]) {
    if (node.sessionMove && !isMoveStillValid(node, topology))
      await write({ ...node, sessionMove: null }, [node.sessionMove.toImpNodeId]);
  }
  for (const node of [...topology.impNodes]) {
    if (node.sessionMove?.kind === 'failover') continue;
    const target = failoverTarget(node, topology);
    const clusterId = servingExpresswayCluster(node, topology);
    if (!target || !clusterId) continue;
    const sessions = await tx.countSessions(orgId, { clusterId, impNodeId: node.id });
    const fallback = node.sessionMove;
    if (fallback) {
      // A fallback off a node that has failed meanwhile goes on as its failover: the sessions
      // go to the same node at the same pace, and the node's own users no longer wait for the
      // fallback to end (and another delay) before theirs move too.
      const widened = widenToFailover(fallback, sessions);
      if (fallback.toImpNodeId === target.id && widened)
        await write({ ...node, sessionMove: widened }, [target.id]);
      continue;
    }
    if (sessions === 0) continue;
    const move = startSessionMove('failover', target.id, sessions, at, ctx.sessionMovePace);
    await write({ ...node, sessionMove: move }, [target.id]);
  }
  if (events.length > 0) await tx.appendEvents(orgId, at, events);
  return events.length > 0;
}

/**
 * The due work of IM&P failover and fallback, every organization: moves started or stopped
 * (a peer that came back, a setting changed), then the sessions each move's rate allows now,
 * `budget` at most in all. Looks first without a transaction, so an idle tick writes nothing.
 */
export async function runSessionMoves(
  ctx: EngineContext,
  budget: number,
  reads = new DueWorkReads(ctx.store),
): Promise<SessionMoveReport> {
  const report: SessionMoveReport = { moved: 0, more: false };
  for (const org of await reads.organizations()) {
    if (budget - report.moved <= 0) return { ...report, more: true };
    const at = ctx.clock.now(org.id);
    if (!(await hasWork(ctx.store, await reads.impTopology(org.id), org.id, at))) continue;
    reads.impWritten(org.id);
    const step = await ctx.store.transaction(org.id, async (tx) => {
      const topology = await readImpTopology(tx, org.id);
      const reviewed = await reviewSessionMoves(ctx, tx, org.id, at, topology);
      let moved = 0;
      let more = false;
      let progressed = false;
      for (const node of topology.impNodes) {
        if (!node.sessionMove || !hasStepDue(node, at)) continue;
        const left = budget - report.moved - moved;
        if (left <= 0) {
          more = true;
          break;
        }
        const result = await progressMove(ctx, tx, node, topology, at, left);
        moved += result.moved;
        more ||= result.more;
        progressed ||= result.changed;
      }
      return { moved, more, changed: reviewed || progressed };
    });
    if (step.changed) ctx.notify([org.id]);
    report.moved += step.moved;
    report.more ||= step.more;
  }
  return report;
}

/** Whether the organization has a move to start, stop or advance now (read-only). */
async function hasWork(
  store: Store,
  topology: ImpTopology,
  orgId: string,
  at: number,
): Promise<boolean> {
  for (const node of topology.impNodes) {
    if (node.sessionMove) {
      if (!isMoveStillValid(node, topology) || hasStepDue(node, at)) return true;
      // A fallback off a node that has failed: widened into its failover.
      const target = failoverTarget(node, topology);
      if (node.sessionMove.kind === 'fallback' && target?.id === node.sessionMove.toImpNodeId)
        return true;
      continue;
    }
    const clusterId = servingExpresswayCluster(node, topology);
    if (!failoverTarget(node, topology) || !clusterId) continue;
    const [session] = await store.listSessions(orgId, { clusterId, impNodeId: node.id }, 1);
    if (session) return true;
  }
  return false;
}

/**
 * One step of a move: the sessions its rate allows now (within `budget`) go to the target, each
 * with a history line and the version bump (one `users.changed` for the step); the move is
 * over when the source has none of its sessions left.
 */
async function progressMove(
  ctx: EngineContext,
  tx: Store,
  source: ImpNode,
  topology: ImpTopology,
  at: number,
  budget: number,
): Promise<{ moved: number; more: boolean; changed: boolean }> {
  const move = source.sessionMove!;
  const clusterId = servingExpresswayCluster(source, topology)!;
  const target = topology.impNodes.find((n) => n.id === move.toImpNodeId)!;
  const filter = movingSessions(source, clusterId);
  const due = sessionsAllowedBy(move, at) - move.sessionsMoved;
  const want = Math.max(0, Math.min(due, budget));
  const sessions = want > 0 ? await tx.listSessions(source.orgId, filter, want) : [];
  const written = await writeUserChanges(
    tx,
    source.orgId,
    sessions.map((user) => moveSession(user, target, source.address, move.kind, at)),
    at,
    ctx.newId,
  );
  const sessionsMoved = move.sessionsMoved + written.length;
  // Over when a step found fewer sessions than it could take, or when the count at the start
  // has moved and none is left (sessions that arrived meanwhile move too).
  const over =
    sessions.length < want ||
    (sessionsMoved >= move.sessionsAtStart &&
      (await tx.listSessions(source.orgId, filter, 1)).length === 0);
  if (written.length === 0 && !over) return { moved: 0, more: false, changed: false };
  await tx.updateImpNode({ ...source, sessionMove: over ? null : { ...move, sessionsMoved } });
  await tx.appendEvents(source.orgId, at, [clusterChanged(clusterId, [source.id, target.id])]);
  return { moved: written.length, more: !over && due > budget, changed: true };
}
