import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../errors.ts';
import { isNodeEligible, nodeCapacity } from '../rules/capacity.ts';
import {
  ADMIN,
  makeMaintenanceWorld,
  MINUTE,
  ORG,
  type MaintenanceWorld,
} from '../test-support/maintenance-world.ts';

/**
 * Random sequences of what admins, failures and time do to Expressway Quad's four Small nodes,
 * checked after every step: no node ever holds more than its capacity, no user is lost (each
 * is on a node of the cluster, or in Error waiting for a connector after a forced entry), a
 * node in maintenance mode has no users once the due work has run, a move never runs ahead of
 * its rate, and the last serving node is refused only when it really is the last.
 */
const NODES = ['quad-1', 'quad-2', 'quad-3', 'quad-4'] as const;
const CAPACITY = nodeCapacity('Small');
const RATE = 1000;

type Step =
  | { kind: 'enter'; node: number; force: boolean }
  | { kind: 'exit'; node: number }
  | { kind: 'fail'; node: number }
  | { kind: 'recover'; node: number }
  | { kind: 'wait'; seconds: number };

const nodeIndex = fc.integer({ min: 0, max: NODES.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('enter' as const), node: nodeIndex, force: fc.boolean() }),
  fc.record({ kind: fc.constant('exit' as const), node: nodeIndex }),
  fc.record({ kind: fc.constant('fail' as const), node: nodeIndex }),
  fc.record({ kind: fc.constant('recover' as const), node: nodeIndex }),
  fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 240 }) }),
);

async function apply(world: MaintenanceWorld, step: Step): Promise<void> {
  if (step.kind === 'wait') {
    world.clock.advance(step.seconds * 1000);
    return;
  }
  const id = NODES[step.node]!;
  if (step.kind === 'fail' || step.kind === 'recover') {
    const state = step.kind === 'fail' ? 'Not responding' : 'Running';
    const node = await world.node(id);
    // A recovered node runs again, except the Message Connector maintenance mode stopped.
    const message =
      node.maintenance === 'In maintenance mode' && state === 'Running' ? 'Stopped' : state;
    await world.changeNode(id, { managementConnector: state, messageConnector: message });
    return;
  }
  const before = await world.store.listNodes(ORG, 'exp-quad');
  const node = before.find((n) => n.id === id)!;
  const request =
    step.kind === 'enter'
      ? { action: 'enter' as const, force: step.force }
      : { action: 'exit' as const };
  try {
    await world.engine.setMaintenance(ADMIN, id, request, node.revision);
  } catch (error) {
    expect(error).toBeInstanceOf(ConflictError);
    const othersServing = before.some((n) => n.id !== id && isNodeEligible(n));
    if ((error as ConflictError).reason === 'last_available_node') {
      expect(step.kind === 'enter' && !step.force && node.maintenance === 'Off').toBe(true);
      expect(othersServing).toBe(false);
    } else {
      expect(step.kind === 'enter' ? node.maintenance !== 'Off' : node.maintenance === 'Off').toBe(
        true,
      );
    }
  }
}

async function checkInvariants(world: MaintenanceWorld, total: number): Promise<void> {
  const loads = await world.usersByNode();
  for (const id of NODES) expect(loads.get(id) ?? 0).toBeLessThanOrEqual(CAPACITY);
  const counts = await world.store.countUsersByStatus(ORG);
  // Users left without a connector are retried; IM&P Pair knows them, so they may come back
  // on Expressway Pair: every assigned user counts, wherever.
  const assigned = [...loads.values()].reduce((sum, n) => sum + n, 0);
  expect(counts.Active).toBe(assigned);
  expect(counts.Active + counts.Error + counts.Pending).toBe(total);
  const now = world.clock.now();
  for (const node of await world.store.listNodes(ORG, 'exp-quad')) {
    if (node.maintenance === 'In maintenance mode') expect(loads.get(node.id) ?? 0).toBe(0);
    if (node.maintenance !== 'Entering maintenance mode') {
      expect(node.maintenanceMove).toBeNull();
      continue;
    }
    const move = node.maintenanceMove!;
    const minutes = (now - move.pacedFrom) / MINUTE;
    expect(move.usersMoved - move.movedBeforePace).toBeLessThanOrEqual(Math.floor(RATE * minutes));
    expect(move.usersMoved).toBeLessThanOrEqual(move.usersAtStart);
  }
}

describe('maintenance mode under random admins, failures and time (property)', () => {
  it('never exceeds capacity, never loses a user, never outruns the rate', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Loads anywhere, or close to full, so that batches meet a full node mid-way.
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: CAPACITY }),
            fc.integer({ min: CAPACITY - 600, max: CAPACITY }),
          ),
          { minLength: NODES.length, maxLength: NODES.length },
        ),
        fc.array(step, { minLength: 1, maxLength: 20 }),
        async (loads, steps) => {
          const world = await makeMaintenanceWorld({ ratePerMinute: RATE, batch: 500 });
          for (const [i, id] of NODES.entries()) await world.addUsers(id, loads[i]!);
          const total = loads.reduce((sum, n) => sum + n, 0);
          for (const s of steps) {
            await apply(world, s);
            await world.runDueWork();
            await checkInvariants(world, total);
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 120_000);
});
