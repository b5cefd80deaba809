import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../errors.ts';
import { failoverTarget, sessionsAllowedBy } from '../rules/session-moves.ts';
import {
  ADMIN,
  makeFailoverWorld,
  MINUTE,
  ORG,
  type FailoverWorld,
} from '../test-support/failover-world.ts';

/**
 * Random sequences of IM&P outages and recoveries, fallbacks, high-availability changes, nodes
 * removed on premises, connector restarts and time (the injected clock and the Lab's
 * fast-forward) on IM&P HA, checked after every step once the due work has run: no session is
 * lost or duplicated, each is served by its home or the home's presence redundancy group peer,
 * none is left on a removed node, no move outruns its rate or goes on once it makes no sense, and
 * a node in Outage whose peer can take its sessions is failing over.
 */
const NODES = ['imp-a', 'imp-b', 'imp-c', 'imp-d'] as const;
const GROUPS = ['prg-ab', 'prg-cd'] as const;
const PEER: Record<string, string> = {
  'imp-a': 'imp-b',
  'imp-b': 'imp-a',
  'imp-c': 'imp-d',
  'imp-d': 'imp-c',
};

type Step =
  | { kind: 'outage' | 'recover' | 'fallback' | 'remove'; node: number }
  | { kind: 'highAvailability'; group: number; on: boolean }
  | { kind: 'restart' }
  | { kind: 'wait' | 'fastForward'; minutes: number };

const node = fc.integer({ min: 0, max: NODES.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('outage' as const, 'recover' as const), node }),
  fc.record({ kind: fc.constantFrom('fallback' as const, 'remove' as const), node }),
  fc.record({
    kind: fc.constant('highAvailability' as const),
    group: fc.integer({ min: 0, max: 1 }),
    on: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('restart' as const) }),
  fc.record({
    kind: fc.constantFrom('wait' as const, 'fastForward' as const),
    minutes: fc.integer({ min: 1, max: 40 }),
  }),
);

async function apply(world: FailoverWorld, s: Step): Promise<void> {
  const { engine } = world;
  switch (s.kind) {
    case 'wait':
      world.clock.advance(s.minutes * MINUTE);
      return;
    case 'fastForward':
      await engine.advanceClock(ADMIN, s.minutes);
      return;
    case 'restart':
      await engine.restartMessageConnector(ADMIN, 'exp-ha');
      return;
    case 'highAvailability':
      await engine.updateLabPresenceGroup(ADMIN, GROUPS[s.group]!, { highAvailability: s.on });
      return;
  }
  const id = NODES[s.node]!;
  try {
    if (s.kind === 'outage') await engine.updateLabImpNode(ADMIN, id, { status: 'Outage' });
    if (s.kind === 'recover') await engine.updateLabImpNode(ADMIN, id, { status: 'Operational' });
    if (s.kind === 'fallback') await engine.fallBackImpNode(ADMIN, id);
    if (s.kind === 'remove') await engine.removeLabImpNode(ADMIN, id);
  } catch (error) {
    // Refusals are the rules at work (a removed node is not found, a busy one not removed…).
    if (!(error instanceof ConflictError) && !(error instanceof NotFoundError)) throw error;
  }
}

async function checkInvariants(
  world: FailoverWorld,
  userIds: readonly string[],
  home: Map<string, string>,
) {
  const users = await world.store.getUsers(ORG, userIds);
  const impNodes = await world.store.listImpNodes(ORG);
  const present = new Map(impNodes.map((n) => [n.id, n]));
  expect(users).toHaveLength(userIds.length);
  for (const user of users) {
    expect(user).toMatchObject({ status: 'Active', clusterId: 'exp-ha' });
    const session = user.homeImpNodeId!;
    const homeId = home.get(user.id)!;
    expect([homeId, PEER[homeId]]).toContain(session);
    const serving = present.get(session);
    expect(serving, `session of ${user.id} on a deleted node`).toBeDefined();
    expect(serving!.removed, `session of ${user.id} on a removed node`).toBe(false);
  }
  // What the Lab shows adds up to every session, each counted once.
  const shown = [...(await world.sessions()).values()].reduce((sum, n) => sum + n, 0);
  expect(shown).toBe(userIds.length);

  const now = (await world.engine.getLabDeployment(ORG)).now;
  const topology = {
    impClusters: await world.store.listImpClusters(ORG),
    impNodes,
    presenceRedundancyGroups: await world.store.listPresenceRedundancyGroups(ORG),
  };
  for (const impNode of impNodes) {
    const move = impNode.sessionMove;
    if (move) {
      expect(move.toImpNodeId).toBe(PEER[impNode.id]);
      expect(move.sessionsMoved).toBeLessThanOrEqual(sessionsAllowedBy(move, Date.parse(now)));
      // A failover only while its source is down and its peer can take the sessions; a
      // fallback only while the node the sessions go home to is up.
      const target = present.get(move.toImpNodeId)!;
      expect(target.status).toBe('Operational');
      if (move.kind === 'failover') expect(failoverTarget(impNode, topology)?.id).toBe(target.id);
    }
    const sessions = users.filter((u) => u.homeImpNodeId === impNode.id).length;
    if (
      sessions > 0 &&
      impNode.discovered &&
      failoverTarget(impNode, topology) &&
      move?.kind !== 'failover'
    )
      expect.fail(`${impNode.id} is in Outage with a peer to take its sessions, but no failover`);
  }
}

describe('IM&P failover under random outages, fallbacks, changes and time (property)', () => {
  it('never loses or duplicates a session, nor leaves one on a removed node', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 300 }), {
          minLength: NODES.length,
          maxLength: NODES.length,
        }),
        fc.array(step, { minLength: 1, maxLength: 25 }),
        async (counts, steps) => {
          const world = await makeFailoverWorld({ dueWorkBatchSize: 200 });
          const home = new Map<string, string>();
          const userIds: string[] = [];
          for (const [i, id] of NODES.entries()) {
            for (const userId of await world.addSessions(counts[i]!, { home: id })) {
              home.set(userId, id);
              userIds.push(userId);
            }
          }
          for (const s of steps) {
            await apply(world, s);
            await world.runDueWork();
            await checkInvariants(world, userIds, home);
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
