import { alarmConditions, type AlarmFacts } from '../rules/alarm-conditions.ts';
import { reconcileAlarms, type AlarmChanges } from '../rules/alarm-reconcile.ts';
import type { Store } from '../store/store.ts';
import type { EngineContext } from './context.ts';
import { DueWorkReads } from './due-work-reads.ts';

/** The deployment rows the alarm conditions are derived from: a handful of small reads. */
async function readAlarmFacts(store: Store, orgId: string): Promise<AlarmFacts> {
  const [expresswayClusters, nodes, impClusters, impNodes, presenceRedundancyGroups] =
    await Promise.all([
      store.listExpresswayClusters(orgId),
      store.listNodes(orgId),
      store.listImpClusters(orgId),
      store.listImpNodes(orgId),
      store.listPresenceRedundancyGroups(orgId),
    ]);
  return { expresswayClusters, nodes, impClusters, impNodes, presenceRedundancyGroups };
}

/** The same facts as the due work's steps before this one have read them (see DueWorkReads). */
async function sharedAlarmFacts(reads: DueWorkReads, orgId: string): Promise<AlarmFacts> {
  const [expresswayClusters, nodes, topology] = await Promise.all([
    reads.expresswayClusters(orgId),
    reads.nodes(orgId),
    reads.impTopology(orgId),
  ]);
  return { expresswayClusters, nodes, ...topology };
}

async function diffAlarms(
  ctx: EngineContext,
  store: Store,
  orgId: string,
  at: number,
  facts: Promise<AlarmFacts> = readAlarmFacts(store, orgId),
): Promise<AlarmChanges> {
  const [deployment, open] = await Promise.all([facts, store.listOpenAlarms(orgId)]);
  const names = new Map(deployment.expresswayClusters.map((c) => [c.id, c.name]));
  return reconcileAlarms(open, alarmConditions(deployment), {
    orgId,
    at,
    clusterName: (id) => names.get(id) ?? id,
    newId: () => ctx.newId('alarm'),
  });
}

/**
 * Brings one organization's alarms in line with its deployment, inside the caller's
 * transaction (a Lab command's, so the alarm lands with the change that raised it), and
 * announces what an admin would see change (`alarms.changed`, with the open count).
 * Returns whether it announced anything.
 */
export async function reconcileOrgAlarms(
  ctx: EngineContext,
  tx: Store,
  orgId: string,
  at: number,
): Promise<boolean> {
  const changes = await diffAlarms(ctx, tx, orgId, at);
  if (changes.raised.length > 0) await tx.insertAlarms(changes.raised);
  if (changes.updated.length > 0) await tx.updateAlarms(changes.updated);
  if (changes.announce)
    await tx.appendEvents(orgId, at, [{ type: 'alarms.changed', open: changes.openCount }]);
  return changes.announce;
}

/**
 * The due work's step: every organization's alarms against its deployment (conditions that
 * appear or go away without a command: a maintenance move getting stuck, another replica's
 * change). Looks first without a transaction, and opens one only for an organization whose
 * alarms change, so an idle tick writes nothing.
 */
export async function runAlarmReconcile(
  ctx: EngineContext,
  reads = new DueWorkReads(ctx.store),
): Promise<number> {
  const announced: string[] = [];
  let changedOrgs = 0;
  for (const org of await reads.organizations()) {
    const at = ctx.clock.now(org.id);
    const facts = sharedAlarmFacts(reads, org.id);
    const preview = await diffAlarms(ctx, ctx.store, org.id, at, facts);
    if (preview.raised.length === 0 && preview.updated.length === 0) continue;
    changedOrgs++;
    const announce = await ctx.store.transaction(org.id, (tx) =>
      reconcileOrgAlarms(ctx, tx, org.id, at),
    );
    if (announce) announced.push(org.id);
  }
  if (announced.length > 0) ctx.notify(announced);
  return changedOrgs;
}
