import { describe, expect, it } from 'vitest';
import { ConflictError } from '../errors.ts';
import { FAILOVER_SESSIONS_PER_MINUTE } from '../rules/session-moves.ts';
import {
  ADMIN,
  addressOf,
  iso,
  makeFailoverWorld,
  MINUTE,
  ORG,
  START,
  type FailoverWorld,
} from '../test-support/failover-world.ts';

const outage = (world: FailoverWorld, id: string) =>
  world.engine.updateLabImpNode(ADMIN, id, { status: 'Outage' });
const recover = (world: FailoverWorld, id: string) =>
  world.engine.updateLabImpNode(ADMIN, id, { status: 'Operational' });

/** Sessions the default rate allows `ms` after the moves started (none before). */
const allowedAfter = (ms: number) =>
  ms <= 0 ? 0 : Math.floor((ms * FAILOVER_SESSIONS_PER_MINUTE) / MINUTE);

async function sessionsOnAB(world: FailoverWorld): Promise<number[]> {
  const sessions = await world.sessions();
  return [sessions.get('imp-a'), sessions.get('imp-b')] as number[];
}

/** The session move of an IM&P node as Expressway HA's cluster page shows it. */
async function sessionMoveOf(world: FailoverWorld, impNodeId: string) {
  const cluster = await world.engine.getCluster(ORG, 'exp-ha');
  return cluster.impClusters[0]!.nodes.find((n) => n.id === impNodeId)!.sessionMove;
}

describe('IM&P failover', () => {
  it('moves 5,000 sessions to the high-availability peer: none for 15 minutes, then at the rate, done 30 minutes after the outage', async () => {
    const world = await makeFailoverWorld();
    const onA = await world.addSessions(5_000, { home: 'imp-a' });
    await world.addSessions(1_000, { home: 'imp-b' });
    const assignedBefore = await world.user(onA[0]!);

    await outage(world, 'imp-a');
    expect(await sessionMoveOf(world, 'imp-a')).toEqual({
      kind: 'failover',
      toImpNodeId: 'imp-b',
      toAddress: addressOf('imp-b'),
      requestedAt: iso(START),
      startsAt: iso(START + 15 * MINUTE),
      sessionsAtStart: 5_000,
      sessionsLeft: 5_000,
      estimatedCompletionAt: iso(START + 30 * MINUTE),
    });

    let doneAfter: number | undefined;
    await world.walk(40 * MINUTE, 30_000, async (elapsed) => {
      const rows = await world.statusRows();
      const a = rows.get('imp-a')!;
      const b = rows.get('imp-b')!;
      // The status page shows the source in Outage with the users not moved yet still on it.
      expect(a.nodeStatus).toBe('Outage');
      expect(a.messageServiceUsers + b.messageServiceUsers).toBe(6_000);
      const moved = 5_000 - a.messageServiceUsers;
      expect(moved).toBeLessThanOrEqual(allowedAfter(elapsed - 15 * MINUTE));
      if (elapsed <= 15 * MINUTE) expect(moved).toBe(0);
      if (moved === 5_000) doneAfter ??= elapsed;
    });
    expect(doneAfter).toBe(30 * MINUTE);
    expect(await sessionMoveOf(world, 'imp-a')).toBeNull();

    // Only the session moved: the user stays Active on the same connector node.
    const after = await world.user(onA[0]!);
    expect(after).toMatchObject({
      status: 'Active',
      clusterId: assignedBefore.clusterId,
      nodeId: assignedBefore.nodeId,
      homeImpNodeId: 'imp-b',
    });
    const history = await world.engine.getUserHistory(ORG, onA[0]!, { page: 1, pageSize: 10 });
    expect(history.items[0]).toMatchObject({
      actor: 'system',
      fromStatus: 'Active',
      toStatus: 'Active',
      message: `Session moved from IM&P node ${addressOf('imp-a')} to ${addressOf('imp-b')}: failover.`,
    });
  }, 60_000);

  it('announces the moves on the cluster, so the console follows them', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(100, { home: 'imp-a' });
    await outage(world, 'imp-a');
    const seq = await world.engine.lastEventSeq(ORG);
    world.clock.advance(16 * MINUTE);
    await world.runDueWork();
    const events = (await world.engine.listEvents(ORG, seq, 100)).map((e) => e.event);
    expect(events).toContainEqual({
      type: 'cluster.changed',
      clusterId: 'exp-ha',
      nodeIds: ['imp-a', 'imp-b'],
    });
    expect(events.some((e) => e.type === 'users.changed')).toBe(true);
  });

  it('moves nothing when the group has high availability Off: the users have no service, and the alarm is critical', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(300, { home: 'imp-c' });
    await outage(world, 'imp-c');
    await world.walk(2 * 60 * MINUTE, 5 * MINUTE);
    expect((await world.sessions()).get('imp-c')).toBe(300);
    expect((await world.sessions()).get('imp-d')).toBe(0);
    expect(await world.impNode('imp-c')).toMatchObject({ status: 'Outage', sessionMove: null });
    const [alarm] = await world.openAlarms('IMP_NODE_OUTAGE');
    expect(alarm).toMatchObject({
      severity: 'critical',
      clusterId: 'exp-ha',
      nodes: [{ id: 'imp-c', name: addressOf('imp-c') }],
    });
  });

  it('leaves the sessions where they are when the node is back within the delay', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(500, { home: 'imp-a' });
    await outage(world, 'imp-a');
    expect((await world.openAlarms('IMP_NODE_OUTAGE'))[0]).toMatchObject({ severity: 'error' });
    await world.walk(10 * MINUTE, MINUTE);
    await recover(world, 'imp-a');
    expect(await sessionMoveOf(world, 'imp-a')).toBeNull();
    await world.walk(60 * MINUTE, 5 * MINUTE);
    expect((await world.sessions()).get('imp-a')).toBe(500);
    expect(await world.openAlarms('IMP_NODE_OUTAGE')).toEqual([]);
  });

  it('stops when the node is back mid-way; the moved sessions stay on the peer until a manual fallback, as slow as the failover', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(5_000, { home: 'imp-a' });
    await world.addSessions(1_000, { home: 'imp-b' });
    await outage(world, 'imp-a');
    await world.walk(20 * MINUTE, MINUTE);
    const moved = allowedAfter(5 * MINUTE);
    expect((await world.sessions()).get('imp-b')).toBe(1_000 + moved);

    await recover(world, 'imp-a');
    await world.walk(60 * MINUTE, 5 * MINUTE);
    // No automatic fallback.
    expect(await sessionsOnAB(world)).toEqual([5_000 - moved, 1_000 + moved]);

    const fallbackAt = world.clock.now();
    await world.engine.fallBackImpNode(ADMIN, 'imp-a');
    // The move is the peer's: only the sessions of users homed on imp-a go back.
    expect(await sessionMoveOf(world, 'imp-b')).toMatchObject({
      kind: 'fallback',
      toImpNodeId: 'imp-a',
      requestedAt: iso(fallbackAt),
      startsAt: iso(fallbackAt + 15 * MINUTE),
      sessionsAtStart: moved,
    });
    let doneAfter: number | undefined;
    await world.walk(30 * MINUTE, MINUTE, async (elapsed) => {
      const back = (await world.sessions()).get('imp-a')! - (5_000 - moved);
      expect(back).toBeLessThanOrEqual(allowedAfter(elapsed - 15 * MINUTE));
      if (back === moved) doneAfter ??= elapsed;
    });
    expect(doneAfter).toBe(20 * MINUTE);
    expect(await sessionsOnAB(world)).toEqual([5_000, 1_000]);
    expect(await sessionMoveOf(world, 'imp-b')).toBeNull();
  });

  it('widens a fallback into a failover when the node it runs off fails: its own users do not wait for it', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(600, { home: 'imp-a', on: 'imp-b' });
    await world.addSessions(400, { home: 'imp-b' });
    await world.engine.fallBackImpNode(ADMIN, 'imp-a');
    await world.walk(16 * MINUTE, MINUTE);
    const back = (await world.sessions()).get('imp-a')!;
    expect(back).toBe(allowedAfter(MINUTE));

    await outage(world, 'imp-b');
    // The sessions already moving keep their pace; imp-b's own join them, to the same node.
    expect(await sessionMoveOf(world, 'imp-b')).toMatchObject({
      kind: 'failover',
      toImpNodeId: 'imp-a',
      sessionsAtStart: 1_000,
      sessionsLeft: 1_000 - back,
    });
    // 1,000 sessions at the rate take 3 minutes from when the fallback began moving them.
    let doneAfter: number | undefined;
    await world.walk(10 * MINUTE, MINUTE, async (elapsed) => {
      if ((await world.sessions()).get('imp-a') === 1_000) doneAfter ??= elapsed;
    });
    expect(doneAfter).toBe(2 * MINUTE);
  });

  it('refuses a fallback to a node in Outage, with nothing to bring back, or twice', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(50, { home: 'imp-a' });
    await outage(world, 'imp-a');
    await expect(world.engine.fallBackImpNode(ADMIN, 'imp-a')).rejects.toThrow(ConflictError);
    await world.walk(20 * MINUTE, MINUTE);
    await recover(world, 'imp-a');
    await expect(world.engine.fallBackImpNode(ADMIN, 'imp-b')).rejects.toThrow(
      /Nothing to fall back/,
    );
    await world.engine.fallBackImpNode(ADMIN, 'imp-a');
    await expect(world.engine.fallBackImpNode(ADMIN, 'imp-a')).rejects.toThrow(/under way already/);
    await expect(world.engine.fallBackImpNode(ADMIN, 'imp-ha-pub')).rejects.toThrow(
      /no presence redundancy group peer/,
    );
  });

  it('catches up after a fast-forward: the Lab clock moves the failover as the real one would', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(5_000, { home: 'imp-a' });
    await outage(world, 'imp-a');
    const lab = await world.engine.advanceClock(ADMIN, 30);
    expect(lab.now).toBe(iso(START + 30 * MINUTE));
    expect(await world.runDueWork()).toBe(5_000);
    expect((await world.sessions()).get('imp-b')).toBe(5_000);
    expect(await world.impNode('imp-a')).toMatchObject({ sessionMove: null });
  });

  it('stops when the peer fails too, and starts again with its own delay when the peer is back', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(5_000, { home: 'imp-a' });
    await outage(world, 'imp-a');
    await world.walk(18 * MINUTE, MINUTE);
    const moved = allowedAfter(3 * MINUTE);
    await outage(world, 'imp-b');
    expect(await world.impNode('imp-a')).toMatchObject({ sessionMove: null });
    // Both down: nothing serves the users of either node.
    expect((await world.openAlarms('IMP_NODE_OUTAGE')).map((a) => a.severity)).toEqual([
      'critical',
      'critical',
    ]);
    await world.walk(30 * MINUTE, 5 * MINUTE);
    expect((await world.sessions()).get('imp-b')).toBe(moved);

    const backAt = world.clock.now();
    await world.engine.updateLabImpNode(ADMIN, 'imp-b', { status: 'Operational' });
    expect(await sessionMoveOf(world, 'imp-a')).toMatchObject({
      kind: 'failover',
      requestedAt: iso(backAt),
      startsAt: iso(backAt + 15 * MINUTE),
      sessionsAtStart: 5_000 - moved,
    });
    await world.walk(35 * MINUTE, 5 * MINUTE);
    expect((await world.sessions()).get('imp-b')).toBe(5_000);
  });

  it('stops when high availability is turned Off, and the connector must be restarted', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(2_000, { home: 'imp-a' });
    await outage(world, 'imp-a');
    await world.walk(16 * MINUTE, MINUTE);
    const moved = (await world.sessions()).get('imp-b')!;
    expect(moved).toBeGreaterThan(0);
    await world.engine.updateLabPresenceGroup(ADMIN, 'prg-ab', { highAvailability: false });
    expect(await world.impNode('imp-a')).toMatchObject({ sessionMove: null });
    await world.walk(30 * MINUTE, 5 * MINUTE);
    expect((await world.sessions()).get('imp-b')).toBe(moved);
    expect(await world.openAlarms('MESSAGE_CONNECTOR_RESTART_REQUIRED')).toHaveLength(1);
  });

  it('moves only assigned users: one in Error keeps no session to move', async () => {
    const world = await makeFailoverWorld();
    const [active, inError] = await world.addSessions(2, { home: 'imp-a' });
    const user = await world.user(inError!);
    await world.store.updateUser(
      {
        ...user,
        status: 'Error',
        errorCode: 'NO_CONNECTOR_AVAILABLE',
        errorMessage: 'x',
        clusterId: null,
        nodeId: null,
        version: user.version + 1,
      },
      user.version,
    );
    await outage(world, 'imp-a');
    expect(await sessionMoveOf(world, 'imp-a')).toMatchObject({ sessionsAtStart: 1 });
    await world.walk(20 * MINUTE, 5 * MINUTE);
    expect(await world.user(active!)).toMatchObject({ homeImpNodeId: 'imp-b' });
    expect(await world.user(inError!)).toMatchObject({ status: 'Error', homeImpNodeId: 'imp-a' });
  });

  it('activates a user homed on a node in Outage onto the peer only when the connector knows the peer', async () => {
    const world = await makeFailoverWorld();
    await outage(world, 'imp-a');
    const activate = async (id: string) => {
      await world.engine.setMessageService(ADMIN, id, true);
      world.clock.advance(5_000);
      await world.runDueWork();
      return world.user(id);
    };
    // A user known to IM&P HA, homed on imp-a, not activated yet.
    const [first, second] = await world.addSessions(2, { home: 'imp-a' });
    for (const id of [first!, second!]) {
      const user = await world.user(id);
      await world.store.updateUser(
        {
          ...user,
          messageServiceEnabled: false,
          status: 'Not activated',
          clusterId: null,
          nodeId: null,
          homeImpNodeId: null,
          version: user.version + 1,
        },
        user.version,
      );
    }
    expect(await activate(first!)).toMatchObject({ status: 'Active', homeImpNodeId: 'imp-b' });

    // The peer's AXL service is down when the connector restarts: it no longer knows imp-b.
    await world.engine.updateLabImpNode(ADMIN, 'imp-b', { axlServiceRunning: false });
    await world.engine.restartMessageConnector(ADMIN, 'exp-ha');
    expect(await activate(second!)).toMatchObject({
      status: 'Error',
      errorCode: 'HOME_NODE_OUTAGE',
    });
  });
});
