import { createEngine, type ManualClock, type Store } from '@hybrid-hub/engine';
import { readConfig } from '../src/config.ts';
import type { DrainCase } from './drain-setup.ts';

export interface DrainResult {
  /** Wall time spent in `runDueWork` from entering until the node is In maintenance mode. */
  seconds: number;
  calls: number;
  moved: number;
  /** Simulated minutes the move took at its rate. */
  minutes: number;
  /** Other due work done along the way (0 when the set-up settled it). */
  activated: number;
  /** Users on each of the cluster's nodes once the node is In maintenance mode. */
  after: Map<string, number>;
}

const MAX_MINUTES = 24 * 60;

/**
 * Enters maintenance mode on `drain.node` through the engine as the BFF configures it (its
 * default due-work batch and maintenance rate), then moves `clock` on by `stepMs` at a time and
 * calls `runDueWork` until it reports nothing more, as the BFF's loop does, until the node is In
 * maintenance mode. Only the `runDueWork` calls are timed. Throws when the drain is not right:
 * users left on the node, users lost or in Error, a node holding more than its capacity.
 */
export async function timedDrain(
  store: Store,
  clock: ManualClock,
  drain: DrainCase,
  stepMs: number,
): Promise<DrainResult> {
  const { HUB_DUE_WORK_BATCH } = readConfig({});
  const engine = createEngine({ store, clock, dueWorkBatchSize: HUB_DUE_WORK_BATCH });
  const { orgId, node } = drain;
  const preview = await engine.previewMaintenance(orgId, node.id);
  const entered = await engine.setMaintenance(
    { orgId, actor: 'bench@acme.example' },
    node.id,
    { action: 'enter' },
    preview.revision,
  );
  if (entered.maintenance !== 'Entering maintenance mode')
    throw new Error(`${node.hostname} is ${entered.maintenance}, not entering maintenance mode.`);

  const startedAt = clock.now();
  const result = { seconds: 0, calls: 0, moved: 0, activated: 0, minutes: 0 };
  let leftWithoutConnector = 0;
  while ((await nodeState(store, drain)) !== 'In maintenance mode') {
    if (clock.now() - startedAt > MAX_MINUTES * 60_000)
      throw new Error(`${node.hostname} is still entering maintenance mode after a day.`);
    clock.advance(stepMs);
    for (let more = true; more;) {
      const started = performance.now();
      const report = await engine.runDueWork();
      result.seconds += (performance.now() - started) / 1000;
      result.calls += 1;
      result.moved += report.maintenanceMoved;
      result.activated += report.activated;
      leftWithoutConnector += report.maintenanceLeftWithoutConnector;
      more = report.more;
    }
  }
  result.minutes = (clock.now() - startedAt) / 60_000;
  const after = await checkDrained(
    store,
    drain,
    preview.usersMoving,
    result.moved,
    leftWithoutConnector,
  );
  return { ...result, after };
}

async function nodeState(store: Store, { orgId, clusterId, node }: DrainCase): Promise<string> {
  const nodes = await store.listNodes(orgId, clusterId);
  return nodes.find((n) => n.id === node.id)!.maintenance;
}

/** A time for a broken drain is worthless: checks what the admin would see afterwards. */
async function checkDrained(
  store: Store,
  drain: DrainCase,
  expected: number,
  moved: number,
  leftWithoutConnector: number,
): Promise<Map<string, number>> {
  const usersByNode = await store.countUsersByNode(drain.orgId);
  const nodes = await store.listNodes(drain.orgId, drain.clusterId);
  const after = new Map(nodes.map((n) => [n.hostname, usersByNode.get(n.id) ?? 0]));
  const total = [...after.values()].reduce((sum, n) => sum + n, 0);
  const problems = [
    (usersByNode.get(drain.node.id) ?? 0) > 0 && `${drain.node.hostname} still has users`,
    moved !== expected && `${moved} users moved, ${expected} expected`,
    leftWithoutConnector > 0 && `${leftWithoutConnector} users left without a connector`,
    total !== drain.clusterUsers &&
      `the cluster holds ${total} users, ${drain.clusterUsers} before`,
    ...[...after].map(
      ([hostname, users]) =>
        users > drain.capacity && `${hostname} holds ${users} > ${drain.capacity}`,
    ),
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`The drain is wrong: ${problems.join('; ')}.`);
  return after;
}
