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
import type { Store } from '../store/store.ts';
import type { EngineContext } from './context.ts';
import { writeUserChanges, WRITE_CHUNK } from './write-changes.ts';

export interface DueActivationsReport {
  /** Users that left Pending (to Active or Error). */
  evaluated: number;
  /** Of them, those that ended in Error. */
  failed: number;
  /** The batch was full: more users may be due right now. */
  more: boolean;
}

/**
 * Activations whose delay has passed and automatic retries whose time has come, up to
 * `batchSize` users, organization by organization in the order given, each in a transaction of
 * its own (the store serializes one organization's transactions, not all of them) and at its own
 * time (the Lab fast-forwards one organization's clock, never another's). Per organization the
 * deployment is read once for the whole transaction, and the node loads are kept up to date in
 * memory as users are assigned, so the batch never assigns beyond a node's or a cluster's
 * capacity. The users are read, evaluated and written WRITE_CHUNK at a time (their directory
 * entries and JID accounts with one lookup each per chunk): a store call stays short, and the
 * evaluated users are no longer due, so each read finds the next ones. When the store asks for a
 * yield point, the batch ends after the current chunk. Everything runs inside the transaction,
 * so no other writer of the organization can assign in between.
 */
export async function runDueActivations(
  ctx: EngineContext,
  orgIds: readonly string[],
  batchSize = ctx.dueWorkBatchSize,
): Promise<DueActivationsReport> {
  const report: DueActivationsReport = { evaluated: 0, failed: 0, more: false };
  let read = 0;
  for (const orgId of orgIds) {
    const step = await ctx.store.transaction(orgId, (tx) =>
      activateDueUsers(ctx, tx, orgId, batchSize - read),
    );
    read += step.read;
    report.evaluated += step.evaluated;
    report.failed += step.failed;
    if (step.changed) ctx.notify([orgId]);
    if (step.more) return { ...report, more: true };
  }
  return report;
}

interface OrgStep {
  read: number;
  evaluated: number;
  failed: number;
  changed: boolean;
  /** The budget was used up, or the store asked to yield: more may be due now. */
  more: boolean;
}

/** One organization's due users, up to `budget` (> 0), in the open transaction. */
async function activateDueUsers(
  ctx: EngineContext,
  tx: Store,
  orgId: string,
  budget: number,
): Promise<OrgStep> {
  const at = ctx.clock.now(orgId);
  const step: OrgStep = { read: 0, evaluated: 0, failed: 0, changed: false, more: false };
  let org: OrgAssignments | undefined;
  for (;;) {
    const limit = Math.min(WRITE_CHUNK, budget - step.read);
    const due = await tx.listDueUsers(orgId, at, limit);
    step.read += due.length;
    if (due.length > 0) {
      org ??= await orgAssignments(tx, orgId);
      const changes = await evaluateOrgBatch(tx, orgId, org, due, at, ctx.retryDelayMs);
      const written = await writeUserChanges(tx, orgId, changes, at, ctx.newId);
      if (written.length > 0) step.changed = true;
      for (const { before, after } of written) {
        if (dueKind(before) === 'stale') continue;
        step.evaluated++;
        if (after.status === 'Error') step.failed++;
      }
    }
    if (due.length < limit) return step; // nothing more due in this organization
    // A full batch, or someone waiting for the store (a user's Save): commit what is done
    // here, the next call goes on.
    if (step.read === budget || (await tx.shouldYield())) return { ...step, more: true };
  }
}

/**
 * The organizations in turns: each call of the due work starts with the next one, so that one
 * organization with more due users than a batch (a 100,000-user bulk activation) holds another's
 * activations back by one batch at most, not until its own are all done.
 */
export function takeTurns<T>(items: readonly T[], turn: number): T[] {
  if (items.length === 0) return [];
  const first = turn % items.length;
  return [...items.slice(first), ...items.slice(0, first)];
}

/** An organization's deployment as this transaction assigns users to it. */
interface OrgAssignments {
  /** The deployment, its node loads counting the users this transaction has assigned so far. */
  live: DeploymentFacts;
  usersByNode: Map<string, number>;
  names: AssignmentNames;
}

async function orgAssignments(tx: Store, orgId: string): Promise<OrgAssignments> {
  const deployment = await gatherDeploymentFacts(tx, orgId);
  const usersByNode = new Map(deployment.usersByNode);
  return {
    live: { ...deployment, usersByNode },
    usersByNode,
    names: assignmentNames(deployment),
  };
}

async function evaluateOrgBatch(
  tx: Store,
  orgId: string,
  { live, usersByNode, names }: OrgAssignments,
  users: readonly CloudUser[],
  at: number,
  retryDelayMs: number,
): Promise<UserChange[]> {
  const toEvaluate = users.filter((user) => dueKind(user) !== 'stale');
  const directory = await gatherDirectoryFacts(tx, orgId, toEvaluate);
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
