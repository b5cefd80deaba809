import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors.ts';
import { OTHERS_FULL } from '../rules/maintenance-progress.ts';
import {
  ADMIN,
  addressOf,
  hostnameOf,
  iso,
  makeFailoverWorld,
  MINUTE,
  ORG,
  OTHER_ADMIN,
  OTHER_ORG,
  START,
  type FailoverWorld,
} from '../test-support/failover-world.ts';

const fail = (world: FailoverWorld, nodeId: string) =>
  world.engine.updateLabNode(ADMIN, nodeId, { reachable: false });
const restore = (world: FailoverWorld, nodeId: string) =>
  world.engine.updateLabNode(ADMIN, nodeId, { reachable: true });

const listAlarms = (
  world: FailoverWorld,
  query: { state?: 'open' | 'resolved'; clusterId?: string; page?: number; pageSize?: number },
) =>
  world.engine.listAlarms(ORG, {
    state: query.state ?? 'open',
    page: query.page ?? 1,
    pageSize: query.pageSize ?? 50,
    ...(query.clusterId ? { clusterId: query.clusterId } : {}),
  });

describe('an Expressway node that stops answering without maintenance mode', () => {
  it('shows Not responding, counts its users as affected, and raises an alarm until it is back', async () => {
    const world = await makeFailoverWorld();
    const onEdge1 = await world.addSessions(400, { home: 'imp-edge-pub', node: 'edge-1' });
    await world.addSessions(100, { home: 'imp-edge-pub', node: 'edge-2' });

    const lab = await fail(world, 'edge-1');
    expect(lab.clusters.find((c) => c.id === 'exp-edge')!.nodes[0]).toMatchObject({
      id: 'edge-1',
      reachable: false,
      users: 400,
    });
    const cluster = await world.engine.getCluster(ORG, 'exp-edge');
    expect(cluster).toMatchObject({ users: 500, affectedUsers: 400, health: 'Degraded' });
    expect(cluster.nodes[0]).toMatchObject({
      managementConnector: 'Not responding',
      messageConnector: 'Not responding',
      users: 400,
      usersAffected: true,
    });
    expect(cluster.nodes[1]).toMatchObject({ usersAffected: false });
    // Nothing moves them: the service is not robust to an uncontrolled outage.
    expect(await world.user(onEdge1[0]!)).toMatchObject({ status: 'Active', nodeId: 'edge-1' });

    const [alarm] = await world.openAlarms();
    expect(alarm).toMatchObject({
      code: 'NODE_NOT_RESPONDING',
      severity: 'error',
      state: 'open',
      clusterId: 'exp-edge',
      clusterName: 'Expressway Edge',
      nodes: [{ id: 'edge-1', name: hostnameOf('edge-1') }],
      firstSeen: iso(START),
      lastSeen: iso(START),
      resolvedAt: null,
    });
    expect(cluster.openAlarms).toBe(1);

    // Seen again while it lasts: last seen moves, first seen stays.
    world.clock.advance(5 * MINUTE);
    await world.runDueWork();
    expect((await world.openAlarms())[0]).toMatchObject({
      id: alarm!.id,
      firstSeen: iso(START),
      lastSeen: iso(START + 5 * MINUTE),
    });

    world.clock.advance(MINUTE);
    await restore(world, 'edge-1');
    expect(await world.openAlarms()).toEqual([]);
    const resolved = await listAlarms(world, { state: 'resolved' });
    expect(resolved.items).toMatchObject([
      { id: alarm!.id, state: 'resolved', resolvedAt: iso(START + 6 * MINUTE) },
    ]);
    expect(await world.engine.getCluster(ORG, 'exp-edge')).toMatchObject({
      affectedUsers: 0,
      openAlarms: 0,
    });

    // Failing again is a new alarm: a resolved one never reopens.
    world.clock.advance(MINUTE);
    await fail(world, 'edge-1');
    const [again] = await world.openAlarms();
    expect(again!.id).not.toBe(alarm!.id);
    expect(again!.firstSeen).toBe(iso(START + 7 * MINUTE));
  });

  it('goes from degraded to lost connectivity and back, one alarm per condition', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(10, { home: 'imp-edge-pub', node: 'edge-1' });
    await world.engine.updateLabNode(ADMIN, 'edge-1', { connectivity: 'Degraded' });
    expect(await world.openAlarms()).toMatchObject([
      { code: 'CLOUD_CONNECTIVITY_DEGRADED', severity: 'warning', nodes: [{ id: 'edge-1' }] },
    ]);
    // Degraded still serves its users.
    let cluster = await world.engine.getCluster(ORG, 'exp-edge');
    expect(cluster.affectedUsers).toBe(0);
    expect(cluster.messageServiceStatus.connectivityToWebex.status).toBe('Degraded');
    expect(cluster.messageServiceStatus.connectivityToWebex.hints.length).toBeGreaterThan(0);

    world.clock.advance(MINUTE);
    await world.engine.updateLabNode(ADMIN, 'edge-1', { connectivity: 'Outage' });
    expect(await world.openAlarms()).toMatchObject([
      { code: 'CLOUD_CONNECTIVITY_LOST', severity: 'error', firstSeen: iso(START + MINUTE) },
    ]);
    expect((await listAlarms(world, { state: 'resolved' })).items).toMatchObject([
      { code: 'CLOUD_CONNECTIVITY_DEGRADED', resolvedAt: iso(START + MINUTE) },
    ]);
    cluster = await world.engine.getCluster(ORG, 'exp-edge');
    expect(cluster.affectedUsers).toBe(10);

    await world.engine.updateLabNode(ADMIN, 'edge-1', { connectivity: 'Operational' });
    expect(await world.openAlarms()).toEqual([]);
  });
});

describe('alarms on a node in maintenance mode', () => {
  it('are muted: a failure there raises nothing, and shows once the node is out of maintenance', async () => {
    const world = await makeFailoverWorld();
    await world.setMaintenance('edge-2', 'enter');
    await fail(world, 'edge-2');
    await world.engine.updateLabNode(ADMIN, 'edge-2', { connectivity: 'Outage' });
    await world.runDueWork();
    expect(await world.openAlarms()).toEqual([]);
    await world.setMaintenance('edge-2', 'exit');
    await world.runDueWork();
    expect((await world.openAlarms()).map((a) => a.code)).toEqual(['NODE_NOT_RESPONDING']);
  });

  it('resolve an open alarm when its node goes into maintenance mode', async () => {
    const world = await makeFailoverWorld();
    await world.engine.updateLabNode(ADMIN, 'edge-2', { connectivity: 'Degraded' });
    expect(await world.openAlarms()).toHaveLength(1);
    world.clock.advance(MINUTE);
    await world.setMaintenance('edge-2', 'enter');
    await world.runDueWork();
    expect(await world.openAlarms()).toEqual([]);
  });

  it('leave the stuck move its own alarm, which says why and goes when the move can go on', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(4_000, { home: 'imp-edge-pub', node: 'edge-1' });
    await world.addSessions(4_500, { home: 'imp-edge-pub', node: 'edge-2' });
    await world.setMaintenance('edge-1', 'enter');
    world.clock.advance(MINUTE);
    await world.runDueWork();
    expect(await world.openAlarms()).toMatchObject([
      {
        code: 'MAINTENANCE_STUCK',
        severity: 'warning',
        nodes: [{ id: 'edge-1' }],
        detail: expect.stringContaining(OTHERS_FULL) as string,
      },
    ]);
    await world.setMaintenance('edge-1', 'exit');
    await world.runDueWork();
    expect(await world.openAlarms()).toEqual([]);
  });
});

describe('IM and Presence alarms', () => {
  it('says how bad an IM&P outage is by whether a peer takes over', async () => {
    const world = await makeFailoverWorld();
    await world.engine.updateLabImpNode(ADMIN, 'imp-a', { status: 'Outage' });
    await world.engine.updateLabImpNode(ADMIN, 'imp-c', { status: 'Outage' });
    const alarms = await world.openAlarms('IMP_NODE_OUTAGE');
    expect(alarms.map((a) => [a.nodes[0]!.id, a.severity])).toEqual([
      ['imp-c', 'critical'],
      ['imp-a', 'error'],
    ]);
    expect(alarms[1]!.detail).toContain(addressOf('imp-b'));
  });

  it('raises AXL_SERVICE_DOWN, worse on the publisher (nothing can be read or discovered)', async () => {
    const world = await makeFailoverWorld();
    await world.engine.updateLabImpNode(ADMIN, 'imp-c', { axlServiceRunning: false });
    await world.engine.updateLabImpNode(ADMIN, 'imp-ha-pub', { axlServiceRunning: false });
    expect(
      (await world.openAlarms('AXL_SERVICE_DOWN')).map((a) => [a.nodes[0]!.id, a.severity]),
    ).toEqual([
      ['imp-ha-pub', 'error'],
      ['imp-c', 'warning'],
    ]);
  });

  it('asks for a Message Connector restart when high availability changes while in use', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(20, { home: 'imp-a' });
    // Group CD serves nobody: changing it needs no restart.
    await world.engine.updateLabPresenceGroup(ADMIN, 'prg-cd', { highAvailability: true });
    expect(await world.openAlarms()).toEqual([]);

    await world.engine.updateLabPresenceGroup(ADMIN, 'prg-ab', { highAvailability: false });
    const [alarm] = await world.openAlarms();
    expect(alarm).toMatchObject({
      code: 'MESSAGE_CONNECTOR_RESTART_REQUIRED',
      severity: 'warning',
      clusterId: 'exp-ha',
      nodes: [
        { id: 'imp-a', name: addressOf('imp-a') },
        { id: 'imp-b', name: addressOf('imp-b') },
      ],
    });
    expect(alarm!.detail).toContain('Group AB');
    // Turning it back does not undo the need: the connector still runs with the old setting.
    await world.engine.updateLabPresenceGroup(ADMIN, 'prg-ab', { highAvailability: true });
    expect(await world.openAlarms()).toHaveLength(1);

    world.clock.advance(MINUTE);
    await world.engine.restartMessageConnector(ADMIN, 'exp-ha');
    expect(await world.openAlarms()).toEqual([]);
    expect((await listAlarms(world, { state: 'resolved' })).items).toMatchObject([
      { id: alarm!.id, resolvedAt: iso(START + MINUTE) },
    ]);
  });
});

describe('listAlarms', () => {
  /** Four alarms, a minute apart: warning, critical, error (Edge), error (HA). */
  async function fourAlarms() {
    const world = await makeFailoverWorld();
    await world.engine.updateLabNode(ADMIN, 'edge-1', { connectivity: 'Degraded' });
    world.clock.advance(MINUTE);
    await world.engine.updateLabImpNode(ADMIN, 'imp-c', { status: 'Outage' });
    world.clock.advance(MINUTE);
    await fail(world, 'edge-2');
    world.clock.advance(MINUTE);
    await fail(world, 'ha-1');
    return world;
  }

  it('lists the most severe first, then the newest, paged with the total', async () => {
    const world = await fourAlarms();
    const all = await listAlarms(world, {});
    expect(all.total).toBe(4);
    expect(all.items.map((a) => [a.severity, a.nodes[0]!.id])).toEqual([
      ['critical', 'imp-c'],
      ['error', 'ha-1'],
      ['error', 'edge-2'],
      ['warning', 'edge-1'],
    ]);
    const second = await listAlarms(world, { page: 2, pageSize: 3 });
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(second.items.map((a) => a.nodes[0]!.id)).toEqual(['edge-1']);
    expect((await world.engine.listClusters(ORG)).items.map((c) => c.openAlarms)).toEqual([2, 2]);
  });

  it('filters by cluster and by state', async () => {
    const world = await fourAlarms();
    const edge = await listAlarms(world, { clusterId: 'exp-edge' });
    expect(edge.items.map((a) => a.nodes[0]!.id)).toEqual(['edge-2', 'edge-1']);
    expect(edge.total).toBe(2);
    await restore(world, 'edge-2');
    expect((await listAlarms(world, { clusterId: 'exp-edge' })).total).toBe(1);
    const resolved = await listAlarms(world, { state: 'resolved', clusterId: 'exp-edge' });
    expect(resolved.items.map((a) => [a.code, a.nodes[0]!.id])).toEqual([
      ['NODE_NOT_RESPONDING', 'edge-2'],
    ]);
    expect((await listAlarms(world, { state: 'resolved', clusterId: 'exp-ha' })).total).toBe(0);
  });

  it('keeps organizations apart', async () => {
    const world = await fourAlarms();
    await expect(listAlarms(world, { clusterId: 'exp-g' })).rejects.toThrow(NotFoundError);
    await expect(listAlarms(world, { clusterId: 'nope' })).rejects.toThrow(NotFoundError);
    const other = await world.engine.listAlarms(OTHER_ORG, {
      state: 'open',
      page: 1,
      pageSize: 50,
    });
    expect(other.total).toBe(0);
    await expect(
      world.engine.updateLabNode(OTHER_ADMIN, 'edge-1', { reachable: true }),
    ).rejects.toThrow(NotFoundError);
  });

  it('announces what an admin would see change, with the open count', async () => {
    const world = await makeFailoverWorld();
    const seq = await world.engine.lastEventSeq(ORG);
    await fail(world, 'edge-1');
    await fail(world, 'edge-2');
    await restore(world, 'edge-1');
    const events = (await world.engine.listEvents(ORG, seq, 100)).map((e) => e.event);
    expect(events.filter((e) => e.type === 'alarms.changed')).toEqual([
      { type: 'alarms.changed', open: 1 },
      { type: 'alarms.changed', open: 2 },
      { type: 'alarms.changed', open: 1 },
    ]);
    // Seen again without a change of words: nothing to announce.
    const quiet = await world.engine.lastEventSeq(ORG);
    world.clock.advance(5 * MINUTE);
    await world.runDueWork();
    expect(await world.engine.listEvents(ORG, quiet, 100)).toEqual([]);
  });
});
