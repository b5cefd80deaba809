import { describe, expect, it } from 'vitest';
import { ConflictError, StaleRevisionError } from '../errors.ts';
import { nodeCapacity } from '../rules/capacity.ts';
import { OTHERS_FULL, OTHERS_NOT_SERVING } from '../rules/maintenance-progress.ts';
import {
  ADMIN,
  hostnameOf,
  makeMaintenanceWorld,
  MINUTE,
  ORG,
  START,
  type MaintenanceWorld,
} from '../test-support/maintenance-world.ts';

const LARGE = nodeCapacity('Large');

async function enter(world: MaintenanceWorld, nodeId: string, force = false) {
  const { revision } = await world.node(nodeId);
  return world.engine.setMaintenance(ADMIN, nodeId, { action: 'enter', force }, revision);
}

async function exit(world: MaintenanceWorld, nodeId: string) {
  const { revision } = await world.node(nodeId);
  return world.engine.setMaintenance(ADMIN, nodeId, { action: 'exit' }, revision);
}

/** The 15,000-user move: big-1 full, the three others with room for 23,000 between them. */
async function bigWorld() {
  const world = await makeMaintenanceWorld();
  await world.addUsers('big-1', 15_000);
  await world.addUsers('big-2', 2_000);
  await world.addUsers('big-3', 6_000);
  await world.addUsers('big-4', 14_000);
  return world;
}

describe('entering maintenance mode', () => {
  it('moves 15,000 users at the rate, within capacity, balanced, and completes only when the node is empty', async () => {
    const world = await bigWorld();
    const entered = await enter(world, 'big-1');
    expect(entered).toMatchObject({
      maintenance: 'Entering maintenance mode',
      users: 15_000,
      revision: 2,
      maintenanceProgress: {
        startedAt: new Date(START).toISOString(),
        usersAtStart: 15_000,
        usersLeft: 15_000,
        usersMoved: 0,
        ratePerMinute: 1000,
        estimatedCompletionAt: new Date(START + 15 * MINUTE).toISOString(),
        stuckReason: null,
      },
    });

    // Steps of 20 seconds, as an uneven due-work loop might see them.
    let elapsed = 0;
    while ((await world.node('big-1')).maintenance === 'Entering maintenance mode') {
      world.clock.advance(20_000);
      elapsed += 20_000;
      await world.runDueWork();
      const loads = await world.usersByNode();
      const moved = 15_000 - (loads.get('big-1') ?? 0);
      expect(moved).toBeLessThanOrEqual(Math.floor((1000 * elapsed) / MINUTE));
      for (const id of ['big-2', 'big-3', 'big-4'])
        expect(loads.get(id)).toBeLessThanOrEqual(LARGE);
      // No user lost on the way.
      expect([...loads.values()].reduce((a, b) => a + b, 0)).toBe(37_000);
      if ((await world.node('big-1')).maintenance === 'Entering maintenance mode')
        expect(loads.get('big-1')).toBeGreaterThan(0);
      expect(elapsed).toBeLessThanOrEqual(16 * MINUTE);
    }
    // 1,000 a minute: 15 minutes, to the tick.
    expect(elapsed).toBe(15 * MINUTE);
    const loads = await world.usersByNode();
    expect(loads.get('big-1') ?? 0).toBe(0);
    // Water-filling: big-2 first catches up with big-3 (6,000), then both rise to 11,500;
    // big-4 (14,000) gets nobody, since the two others never reach it.
    expect([loads.get('big-2'), loads.get('big-3'), loads.get('big-4')]).toEqual([
      11_500, 11_500, 14_000,
    ]);
    expect(await world.node('big-1')).toMatchObject({
      maintenance: 'In maintenance mode',
      messageConnector: 'Stopped',
      managementConnector: 'Running',
      maintenanceMove: null,
      revision: 3,
    });
  });

  it('records every move in the user history and announces it, the node progress too', async () => {
    const world = await makeMaintenanceWorld();
    const [first] = await world.addUsers('pair-1', 3);
    await world.addUsers('pair-2', 1);
    const seq = await world.store.lastEventSeq(ORG);
    await enter(world, 'pair-1');
    world.clock.advance(MINUTE);
    await world.runDueWork();

    const user = await world.store.getUser(ORG, first!);
    expect(user).toMatchObject({ status: 'Active', nodeId: 'pair-2' });
    const history = await world.engine.getUserHistory(ORG, first!, { page: 1, pageSize: 10 });
    expect(history.items[0]).toMatchObject({
      actor: 'system',
      fromStatus: 'Active',
      toStatus: 'Active',
      message: `Moved from ${hostnameOf('pair-1')} to ${hostnameOf('pair-2')}: ${hostnameOf('pair-1')} is entering maintenance mode.`,
      cluster: { id: 'exp-pair', name: 'Expressway Pair' },
      node: { id: 'pair-2', hostname: hostnameOf('pair-2') },
    });
    const events = (await world.store.listEventsSince(ORG, seq, 100)).map((e) => e.event);
    expect(events).toContainEqual({
      type: 'cluster.changed',
      clusterId: 'exp-pair',
      nodeIds: ['pair-1'],
    });
    const moved = events.find((e) => e.type === 'users.changed');
    expect(moved).toMatchObject({
      users: expect.arrayContaining([expect.objectContaining({ id: first, version: 2 })]),
    });
    expect(events.at(-1)).toEqual({
      type: 'cluster.changed',
      clusterId: 'exp-pair',
      nodeIds: ['pair-1', 'pair-2'],
    });
  });

  it('takes no new users while entering: activation goes to the other nodes', async () => {
    const world = await makeMaintenanceWorld({ ratePerMinute: 1 });
    await world.addUsers('pair-1', 100);
    const [user] = await world.addUsers('pair-2', 200);
    await enter(world, 'pair-1');
    // Reactivated, the user would go to the least-loaded node, pair-1, were it not entering.
    await world.engine.reactivateUser(ADMIN, user!);
    world.clock.advance(2_000);
    await world.runDueWork();
    expect(await world.store.getUser(ORG, user!)).toMatchObject({
      status: 'Active',
      nodeId: 'pair-2',
    });
  });

  it('goes straight to In maintenance mode when the node has no users', async () => {
    const world = await makeMaintenanceWorld();
    expect(await enter(world, 'pair-1')).toMatchObject({
      maintenance: 'In maintenance mode',
      messageConnector: 'Stopped',
      maintenanceProgress: null,
      users: 0,
    });
  });
});

describe('exiting maintenance mode', () => {
  it('while entering cancels the move: users already moved stay, the rest stay put', async () => {
    const world = await bigWorld();
    await enter(world, 'big-1');
    world.clock.advance(3 * MINUTE);
    await world.runDueWork();
    const exited = await exit(world, 'big-1');
    expect(exited).toMatchObject({ maintenance: 'Off', maintenanceProgress: null, users: 12_000 });
    world.clock.advance(10 * MINUTE);
    expect(await world.runDueWork()).toEqual({ moved: 0, leftWithoutConnector: 0 });
    const loads = await world.usersByNode();
    expect(loads.get('big-1')).toBe(12_000);
    expect((loads.get('big-2') ?? 0) + (loads.get('big-3') ?? 0)).toBe(8_000 + 3_000);
    // Eligible again: the cluster serves with all four nodes.
    const cluster = await world.engine.getCluster(ORG, 'exp-big');
    expect(cluster.nodesServing).toBe(4);
  });

  it('runs the Message Connector again after maintenance, unless it failed meanwhile', async () => {
    const world = await makeMaintenanceWorld();
    await enter(world, 'pair-1');
    expect(await exit(world, 'pair-1')).toMatchObject({
      maintenance: 'Off',
      messageConnector: 'Running',
      revision: 3,
    });
    await enter(world, 'pair-1');
    await world.changeNode('pair-1', {
      messageConnector: 'Not responding',
      managementConnector: 'Not responding',
    });
    expect(await exit(world, 'pair-1')).toMatchObject({
      maintenance: 'Off',
      messageConnector: 'Not responding',
    });
  });
});

describe('refusals', () => {
  it('refuses a stale revision, entering twice, and exiting a node that is not in maintenance', async () => {
    const world = await makeMaintenanceWorld();
    await world.addUsers('pair-1', 10);
    const { revision } = await world.node('pair-1');
    await expect(
      world.engine.setMaintenance(ADMIN, 'pair-1', { action: 'enter' }, revision - 1),
    ).rejects.toBeInstanceOf(StaleRevisionError);
    await expect(exit(world, 'pair-1')).rejects.toThrow('is not in maintenance mode');
    await enter(world, 'pair-1');
    await expect(enter(world, 'pair-1')).rejects.toThrow(
      `${hostnameOf('pair-1')} is already entering maintenance mode.`,
    );
    // The decision made on the first revision no longer holds.
    await expect(
      world.engine.setMaintenance(ADMIN, 'pair-1', { action: 'exit' }, revision),
    ).rejects.toMatchObject({ name: 'StaleRevisionError', currentRevision: revision + 1 });
    await expect(
      world.engine.setMaintenance(ADMIN, 'nope', { action: 'enter' }, 1),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      world.engine.setMaintenance({ ...ADMIN, orgId: 'other' }, 'pair-2', { action: 'enter' }, 1),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it("keeps the revision while users move, so an admin's exit is not refused as stale", async () => {
    const world = await makeMaintenanceWorld();
    await world.addUsers('pair-1', 100);
    const entered = await enter(world, 'pair-1');
    world.clock.advance(2_000);
    expect((await world.runDueWork()).moved).toBeGreaterThan(0);
    await expect(
      world.engine.setMaintenance(ADMIN, 'pair-1', { action: 'exit' }, entered.revision),
    ).resolves.toMatchObject({ maintenance: 'Off' });
  });

  it('lets exactly one of two admins send the last two serving nodes into maintenance', async () => {
    const world = await makeMaintenanceWorld();
    await world.addUsers('pair-1', 40);
    await world.addUsers('pair-2', 40);
    const results = await Promise.allSettled([enter(world, 'pair-1'), enter(world, 'pair-2')]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    const error = (rejected[0] as PromiseRejectedResult).reason as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.reason).toBe('last_available_node');
    const states = [
      (await world.node('pair-1')).maintenance,
      (await world.node('pair-2')).maintenance,
    ];
    expect(states.sort()).toEqual(['Entering maintenance mode', 'Off']);
  });
});

describe('the last node that can serve the cluster', () => {
  it('is refused without force, and with force its users lose their connector, in batches, retried', async () => {
    const world = await makeMaintenanceWorld({ batch: 1000, retryDelayMs: 15 * MINUTE });
    const ids = await world.addUsers('pair-1', 2_500);
    await world.changeNode('pair-2', {
      managementConnector: 'Not responding',
      messageConnector: 'Not responding',
      connectivity: 'Outage',
    });
    await expect(enter(world, 'pair-1')).rejects.toMatchObject({
      name: 'ConflictError',
      reason: 'last_available_node',
    });

    const forced = await enter(world, 'pair-1', true);
    // The command's own transaction takes the first batch; the due work the rest.
    expect(forced).toMatchObject({ maintenance: 'In maintenance mode', users: 1_500 });
    expect(await world.runDueWork()).toEqual({ moved: 0, leftWithoutConnector: 1_500 });
    expect((await world.usersByNode()).get('pair-1') ?? 0).toBe(0);

    const user = await world.store.getUser(ORG, ids[2_499]!);
    const retryAt = new Date(START + 15 * MINUTE).toISOString().slice(0, 16).replace('T', ' ');
    expect(user).toMatchObject({
      status: 'Error',
      errorCode: 'NO_CONNECTOR_AVAILABLE',
      nodeId: null,
      clusterId: null,
    });
    const [line] = (await world.engine.getUserHistory(ORG, ids[0]!, { page: 1, pageSize: 1 }))
      .items;
    expect(line).toMatchObject({
      actor: 'system',
      fromStatus: 'Active',
      toStatus: 'Error',
      code: 'NO_CONNECTOR_AVAILABLE',
    });
    expect(line!.message).toContain(`Activation will be retried at ${retryAt} UTC.`);

    // Back from maintenance: the automatic retry brings the users back by itself.
    await exit(world, 'pair-1');
    world.clock.advance(15 * MINUTE);
    await world.runDueWork();
    expect((await world.usersByNode()).get('pair-1')).toBe(2_500);
    expect(await world.store.getUser(ORG, ids[0]!)).toMatchObject({ status: 'Active' });
  });

  it('is the only node of a single-node cluster', async () => {
    const world = await makeMaintenanceWorld();
    await expect(enter(world, 'solo-1')).rejects.toMatchObject({ reason: 'last_available_node' });
    await expect(enter(world, 'solo-1', true)).resolves.toMatchObject({
      maintenance: 'In maintenance mode',
    });
  });
});

describe('a move that cannot progress', () => {
  it('says the other nodes are full, and resumes at the rate by itself when room appears', async () => {
    const world = await makeMaintenanceWorld({ ratePerMinute: 600 });
    await world.addUsers('pair-1', 3_000);
    // Room for 700: less than a batch (1,000), so the batch itself must stop at capacity.
    const onPair2 = await world.addUsers('pair-2', 4_300);
    await enter(world, 'pair-1');
    world.clock.advance(5 * MINUTE);
    await world.runDueWork();
    expect((await world.usersByNode()).get('pair-2')).toBe(5_000);
    expect((await world.node('pair-1')).maintenanceMove?.stuckReason).toBe(OTHERS_FULL);
    const cluster = await world.engine.getCluster(ORG, 'exp-pair');
    expect(cluster.nodes[0]!.maintenanceProgress).toMatchObject({
      usersLeft: 2_300,
      usersMoved: 700,
      stuckReason: OTHERS_FULL,
      estimatedCompletionAt: null,
    });

    // An hour later, room for 2,300 appears: the move resumes at 600 a minute, not at once.
    world.clock.advance(60 * MINUTE);
    for (const id of onPair2.slice(0, 2_300))
      await world.engine.setMessageService(ADMIN, id, false);
    await world.runDueWork();
    expect((await world.node('pair-1')).maintenanceMove?.stuckReason).toBeNull();
    world.clock.advance(MINUTE);
    await world.runDueWork();
    expect((await world.usersByNode()).get('pair-1')).toBe(1_700);
    world.clock.advance(3 * MINUTE);
    await world.runDueWork();
    expect((await world.node('pair-1')).maintenance).toBe('In maintenance mode');
    expect((await world.usersByNode()).get('pair-2')).toBe(5_000);
  });

  it('says the other nodes are down, and resumes when one serves again', async () => {
    const world = await makeMaintenanceWorld();
    await world.addUsers('pair-1', 100);
    await enter(world, 'pair-1');
    await world.changeNode('pair-2', { messageConnector: 'Not responding' });
    world.clock.advance(MINUTE);
    await world.runDueWork();
    expect((await world.node('pair-1')).maintenanceMove).toMatchObject({
      stuckReason: OTHERS_NOT_SERVING,
      usersMoved: 0,
    });
    await world.changeNode('pair-2', { messageConnector: 'Running' });
    await world.runDueWork();
    world.clock.advance(MINUTE);
    await world.runDueWork();
    expect(await world.node('pair-1')).toMatchObject({ maintenance: 'In maintenance mode' });
    expect((await world.usersByNode()).get('pair-2')).toBe(100);
  });
});

describe('previewMaintenance', () => {
  it('shows who moves where, how long, and what to know first', async () => {
    const world = await bigWorld();
    const preview = await world.engine.previewMaintenance(ORG, 'big-1');
    expect(preview).toEqual({
      nodeId: 'big-1',
      hostname: hostnameOf('big-1'),
      revision: 1,
      usersMoving: 15_000,
      targets: [
        {
          nodeId: 'big-2',
          hostname: hostnameOf('big-2'),
          usersBefore: 2_000,
          usersAfter: 11_500,
          capacity: LARGE,
        },
        {
          nodeId: 'big-3',
          hostname: hostnameOf('big-3'),
          usersBefore: 6_000,
          usersAfter: 11_500,
          capacity: LARGE,
        },
        {
          nodeId: 'big-4',
          hostname: hostnameOf('big-4'),
          usersBefore: 14_000,
          usersAfter: 14_000,
          capacity: LARGE,
        },
      ],
      usersWithoutRoom: 0,
      ratePerMinute: 1000,
      estimatedSeconds: 900,
      requiresForce: false,
      warnings: [],
    });
  });

  it('warns when the others lack room, or some do not serve', async () => {
    const world = await makeMaintenanceWorld();
    await world.addUsers('big-1', 15_000);
    await world.addUsers('big-2', 14_000);
    await world.changeNode('big-3', { connectivity: 'Outage' });
    await world.changeNode('big-4', {
      maintenance: 'In maintenance mode',
      messageConnector: 'Stopped',
    });
    const preview = await world.engine.previewMaintenance(ORG, 'big-1');
    expect(preview).toMatchObject({
      usersMoving: 15_000,
      usersWithoutRoom: 14_000,
      estimatedSeconds: 60,
      requiresForce: false,
      targets: [{ nodeId: 'big-2', usersAfter: LARGE }],
    });
    expect(preview.warnings.map((w) => w.code)).toEqual([
      'INSUFFICIENT_CAPACITY',
      'NODES_NOT_SERVING',
    ]);
    expect(preview.warnings[1]!.message).toBe(
      `${hostnameOf('big-3')} and ${hostnameOf('big-4')} are down or in maintenance mode and take no users.`,
    );
  });

  it('asks for force on the last node that can serve', async () => {
    const world = await makeMaintenanceWorld();
    await world.addUsers('pair-1', 1_234);
    await world.changeNode('pair-2', { messageConnector: 'Stopped' });
    const preview = await world.engine.previewMaintenance(ORG, 'pair-1');
    expect(preview).toMatchObject({
      usersMoving: 1_234,
      targets: [],
      usersWithoutRoom: 1_234,
      estimatedSeconds: 0,
      requiresForce: true,
    });
    expect(preview.warnings.map((w) => w.code)).toEqual([
      'LAST_AVAILABLE_NODE',
      'NODES_NOT_SERVING',
    ]);
    expect(preview.warnings[0]!.message).toContain('1,234 users');
    await expect(world.engine.previewMaintenance('other-org', 'pair-1')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});

describe('the cluster page', () => {
  it('shows the affected users of a node that stopped answering without maintenance mode', async () => {
    const world = await makeMaintenanceWorld();
    await world.addUsers('pair-1', 30);
    await world.addUsers('pair-2', 20);
    await world.changeNode('pair-2', {
      messageConnector: 'Not responding',
      managementConnector: 'Not responding',
    });
    const cluster = await world.engine.getCluster(ORG, 'exp-pair');
    expect(cluster.affectedUsers).toBe(20);
    expect(cluster.nodes.map((n) => [n.id, n.usersAffected, n.revision])).toEqual([
      ['pair-1', false, 1],
      ['pair-2', true, 2],
    ]);
    const list = await world.engine.listClusters(ORG);
    expect(list.items.find((c) => c.id === 'exp-pair')?.affectedUsers).toBe(20);
  });
});

describe('getUserActivity', () => {
  it('splits the enabled users by the 72-hour window', async () => {
    const world = await makeMaintenanceWorld();
    await world.addUsers('pair-1', 3);
    const [off] = await world.addUsers('pair-2', 1);
    await world.engine.setMessageService(ADMIN, off!, false);
    expect(await world.engine.getUserActivity(ORG)).toEqual({
      enabled: 3,
      active: 2,
      activePercent: 66.7,
      inactive: 1,
      inactivePercent: 33.3,
    });
    await expect(world.engine.getUserActivity('nope')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});
