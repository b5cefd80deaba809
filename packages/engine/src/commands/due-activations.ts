import type { DeploymentFacts } from '../rules/activation.ts';
import { evaluateActivation } from '../rules/activation.ts';
import { gatherDeploymentFacts, gatherDirectoryFacts } from '../rules/activation-facts.ts';
import {
  applyActivationOutcome,
  clearDue,
  dueKind,
  type AssignmentNames,
  type UserChange,
} from '../rules/user-transitions.ts';
import type { CloudUser } from '../model/user.ts';
import type { Store } from '../store.ts';
import type { EngineContext } from './context.ts';
import { DUE_WORK_BATCH } from './due-work-batch.ts';
import { writeUserChanges } from './write-changes.ts';

export interface DueActivationsReport {
  /** Users that left Pending (to Active or Error). */
  evaluated: number;
  /** Of them, those that ended in Error. */
  failed: number;
  /** The batch was full: more users may be due right now. */
  more: boolean;
}

/**
 * Activations whose delay has passed and automatic retries whose time has come, one batch in
 * one transaction. Per organization: the deployment is read once, the directory entries and
 * JID accounts of the whole batch with one lookup each, and the node loads are kept up to date
 * in memory as users are assigned, so the batch never assigns beyond a node's or a cluster's
 * capacity. Everything runs inside the transaction, so no other writer can assign in between.
 */
export async function runDueActivations(
  ctx: EngineContext,
  batchSize = DUE_WORK_BATCH,
): Promise<DueActivationsReport> {
  const at = ctx.clock.now();
  const { report, orgIds } = await ctx.store.transaction(async (tx) => {
    const due = await tx.listDueUsers(at, batchSize);
    const report: DueActivationsReport = {
      evaluated: 0,
      failed: 0,
      more: due.length === batchSize,
    };
    const orgIds: string[] = [];
    for (const [orgId, users] of groupByOrg(due)) {
      const changes = await evaluateOrgBatch(tx, orgId, users, at, ctx.retryDelayMs);
      const written = await writeUserChanges(tx, orgId, changes, at, ctx.newId);
      if (written.length > 0) orgIds.push(orgId);
      for (const { before, after } of written) {
        if (dueKind(before) === 'stale') continue;
        report.evaluated++;
        if (after.status === 'Error') report.failed++;
      }
    }
    return { report, orgIds };
  });
  if (orgIds.length > 0) ctx.notify(orgIds);
  return report;
}

async function evaluateOrgBatch(
  tx: Store,
  orgId: string,
  users: readonly CloudUser[],
  at: number,
  retryDelayMs: number,
): Promise<UserChange[]> {
  const toEvaluate = users.filter((user) => dueKind(user) !== 'stale');
  const [deployment, directory] = await Promise.all([
    gatherDeploymentFacts(tx, orgId),
    gatherDirectoryFacts(tx, orgId, toEvaluate),
  ]);
  // This batch's own assignments count against capacity for the users evaluated after them.
  const usersByNode = new Map(deployment.usersByNode);
  const live: DeploymentFacts = { ...deployment, usersByNode };
  const names = assignmentNames(deployment);
  return users.map((user) => {
    if (dueKind(user) === 'stale') return clearDue(user, at);
    // A due user normally holds no node; one that does leaves it whatever the outcome, so it
    // is counted out before the evaluation (as `countedOut` does for a single user).
    if (user.nodeId !== null) adjust(usersByNode, user.nodeId, -1);
    const outcome = evaluateActivation({
      email: user.email,
      entitledHybridMessage: user.entitledHybridMessage,
      ...directory(user),
      deployment: live,
    });
    if (outcome.kind === 'assign') adjust(usersByNode, outcome.nodeId, +1);
    return applyActivationOutcome(user, outcome, at, retryDelayMs, names);
  });
}

function adjust(counts: Map<string, number>, nodeId: string, by: number): void {
  counts.set(nodeId, Math.max(0, (counts.get(nodeId) ?? 0) + by));
}

export function assignmentNames(
  deployment: Pick<DeploymentFacts, 'expresswayClusters' | 'nodes'>,
): AssignmentNames {
  const clusters = new Map(deployment.expresswayClusters.map((c) => [c.id, c.name]));
  const nodes = new Map(deployment.nodes.map((n) => [n.id, n.hostname]));
  return {
    clusterName: (id) => clusters.get(id) ?? id,
    nodeHostname: (id) => nodes.get(id) ?? id,
  };
}

function groupByOrg(users: readonly CloudUser[]): Map<string, CloudUser[]> {
  const byOrg = new Map<string, CloudUser[]>();
  for (const user of users) {
    const list = byOrg.get(user.orgId);
    if (list) list.push(user);
    else byOrg.set(user.orgId, [user]);
  }
  return byOrg;
}
