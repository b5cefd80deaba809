import type { BulkAction, UserStatus } from '@hybrid-hub/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterCapacity, nodeCapacity } from '../rules/capacity.ts';
import type { Store } from '../store/store.ts';
import {
  ADMIN,
  deployment,
  HOMES,
  historyOf,
  makeWorld,
  ORG,
  type World,
} from '../test-support/activation-world.ts';

/**
 * Random sequences of everything an admin, the Lab and time can do, checked after every step:
 * capacity is never exceeded, history is only ever appended to, an Active user always has an
 * assignment and no other user has one, a Pending user always has a due time; and at the end,
 * once time has passed, every bulk job completes with counts that add up.
 *
 * Capacity is made reachable with a few users by phantom load: the store reports thousands of
 * other users on the nodes (Expressway Main one node's worth short of its (N − 1) × 5,000
 * limit less two, Expressway Full's single node one short of 5,000), and most users start homed
 * there, so that one batch often holds more users than the room left.
 */
const PHANTOM = new Map([
  ['main-a', 2499],
  ['main-b', 2499],
  ['full-1', 4999],
]);

function withPhantomLoad(store: Store): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'countUsersByNode') {
        return async (orgId: string) => {
          const counts = await target.countUsersByNode(orgId);
          for (const [node, extra] of PHANTOM) counts.set(node, (counts.get(node) ?? 0) + extra);
          return counts;
        };
      }
      if (key === 'transaction') {
        return <T>(orgId: string, work: (tx: Store) => Promise<T>) =>
          target.transaction(orgId, (tx) => work(withPhantomLoad(tx)));
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'];
const HOME_CHOICES = [
  HOMES.main,
  HOMES.main,
  HOMES.full,
  HOMES.full,
  HOMES.down,
  HOMES.outage,
  HOMES.failover,
  HOMES.noAxl,
  HOMES.other,
];
const INITIAL_HOMES = [
  HOMES.main,
  HOMES.main,
  HOMES.main,
  HOMES.full,
  HOMES.full,
  HOMES.full,
  HOMES.down,
  HOMES.outage,
];
const NODES = ['main-a', 'main-b', 'down-1', 'full-1'];

const user = fc.constantFrom(...USERS);
const command = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('switch' as const), user, on: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reactivate' as const), user }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.constantFrom(1_000, 3_000, 60_000, 15 * 60_000),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('due' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bulk' as const),
      action: fc.constantFrom<BulkAction>('activate', 'deactivate', 'reactivate'),
      selection: fc.oneof(
        fc.record({
          kind: fc.constant('ids' as const),
          ids: fc.uniqueArray(user, { minLength: 1 }),
        }),
        fc.record({
          kind: fc.constant('filter' as const),
          status: fc.constantFrom<UserStatus | undefined>(
            undefined,
            'Error',
            'Active',
            'Not activated',
          ),
        }),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('home' as const),
      user,
      home: fc.constantFrom(...HOME_CHOICES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('mailid' as const),
      user,
      mailid: fc.constantFrom('own', 'other', ''),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('duplicate' as const),
      user,
      home: fc.constantFrom<string | null>(null, HOMES.other, HOMES.down, HOMES.main),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('jid' as const), user, on: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('entitle' as const), user, on: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('node' as const),
      node: fc.constantFrom(...NODES),
      serving: fc.boolean(),
    }),
  },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

async function run(world: World, c: Command): Promise<void> {
  const { engine } = world;
  switch (c.kind) {
    case 'switch':
      return void (await engine.setMessageService(ADMIN, c.user, c.on));
    case 'reactivate':
      return void (await engine.reactivateUser(ADMIN, c.user));
    case 'advance':
      return world.clock.advance(c.ms);
    case 'due':
      return void (await engine.runDueWork());
    case 'bulk':
      return void (await engine.startBulkJob(ADMIN, { action: c.action, selection: c.selection }));
    case 'home':
      return void (await engine.updateLabUser(ADMIN, c.user, {
        directory: { homeImpNodeId: c.home },
      }));
    case 'mailid': {
      const mailid =
        c.mailid === 'own'
          ? `${c.user}@t.example`
          : c.mailid === 'other'
            ? `x.${c.user}@t.example`
            : '';
      return void (await engine.updateLabUser(ADMIN, c.user, { directory: { mailid } }));
    }
    case 'duplicate':
      return void (await engine.updateLabUser(ADMIN, c.user, { duplicateHomeImpNodeId: c.home }));
    case 'jid':
      return void (await engine.updateLabUser(ADMIN, c.user, { duplicateJidAccount: c.on }));
    case 'entitle':
      return void (await engine.updateLabUser(ADMIN, c.user, {
        entitlements: { hybridMessage: c.on },
      }));
    case 'node': {
      const node = (await world.store.listNodes(ORG)).find((n) => n.id === c.node)!;
      const changed = {
        ...node,
        messageConnector: c.serving ? ('Running' as const) : ('Stopped' as const),
        maintenance: c.serving ? ('Off' as const) : node.maintenance,
        revision: node.revision + 1,
      };
      expect(await world.store.updateNode(changed, node.revision)).toBe(true);
      return;
    }
  }
}

/** The refusals a random admin meets: reactivating a user who is off, a Lab edit that does not apply. */
const expectedRefusal = (error: unknown) =>
  error instanceof Error && (error.name === 'ConflictError' || error.name === 'ValidationError');

async function checkInvariants(world: World, engineStore: Store, histories: Map<string, string[]>) {
  const counts = await engineStore.countUsersByNode(ORG);
  for (const cluster of deployment.expresswayClusters) {
    const nodes = deployment.nodes.filter((n) => n.clusterId === cluster.id);
    let load = 0;
    for (const node of nodes) {
      const n = counts.get(node.id) ?? 0;
      expect(n, node.id).toBeLessThanOrEqual(nodeCapacity(cluster.nodeSize));
      load += n;
    }
    expect(load, cluster.id).toBeLessThanOrEqual(clusterCapacity(cluster.nodeSize, nodes.length));
  }
  for (const u of await world.store.getUsers(ORG, USERS)) {
    if (u.status === 'Active') {
      expect(u.nodeId).not.toBeNull();
      expect(deployment.nodes.find((n) => n.id === u.nodeId)?.clusterId).toBe(u.clusterId);
    } else {
      expect([u.clusterId, u.nodeId]).toEqual([null, null]);
    }
    expect(u.messageServiceEnabled).toBe(u.status !== 'Not activated');
    if (u.status === 'Pending') expect(u.dueAt).not.toBeNull();

    const lines = await historyOf(world.store, u.id);
    const ids = lines.map((l) => l.id);
    const before = histories.get(u.id) ?? [];
    expect(ids.slice(0, before.length)).toEqual(before);
    histories.set(u.id, ids);
    // Each line starts where the one before ended (nothing lost in between), from the first
    // status every test user has, up to the status the user has now.
    lines.forEach((line, i) =>
      expect(line.fromStatus).toBe(i === 0 ? 'Not activated' : lines[i - 1]!.toStatus),
    );
    if (lines.length > 0) expect(lines.at(-1)!.toStatus).toBe(u.status);
    expect(lines.every((l, i) => i === 0 || l.at >= lines[i - 1]!.at)).toBe(true);
  }
}

describe('random command sequences', () => {
  it('keep capacity, history, assignments and jobs consistent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (commands) => {
        let engineStore: Store | undefined;
        const world = await makeWorld({
          wrapStore: (store) => (engineStore = withPhantomLoad(store)),
        });
        for (const [i, name] of USERS.entries())
          await world.addUser({ name, entries: [{ home: INITIAL_HOMES[i]! }] });
        const histories = new Map<string, string[]>();
        const jobs: string[] = [];

        for (const c of commands) {
          try {
            await run(world, c);
          } catch (error) {
            if (!expectedRefusal(error)) throw error;
          }
          await checkInvariants(world, engineStore!, histories);
        }
        for (const job of await world.store.listUnfinishedJobs()) jobs.push(job.id);

        // Once time passes with nobody acting, everything settles.
        // (a retry interval included, so that automatic retries run too).
        for (const ms of [5_000, 5_000, 15 * 60_000, 5_000, 5_000]) await world.settle(ms);
        await checkInvariants(world, engineStore!, histories);
        expect(await world.store.listUnfinishedJobs()).toEqual([]);
        for (const id of jobs) {
          const job = await world.engine.getJob(ORG, id);
          expect(job.succeeded + job.failed + job.unchanged).toBe(job.total);
          expect(job.processed).toBe(job.total);
        }
        const pending = (await world.store.getUsers(ORG, USERS)).filter(
          (u) => u.status === 'Pending',
        );
        expect(pending).toEqual([]);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
