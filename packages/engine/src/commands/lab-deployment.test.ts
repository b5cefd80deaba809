import type { LabDeployment } from '@hybrid-hub/contract';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import {
  ADMIN,
  addressOf,
  iso,
  makeFailoverWorld,
  MINUTE,
  ORG,
  OTHER_ADMIN,
  OTHER_ORG,
  START,
} from '../test-support/failover-world.ts';

const DAY_MINUTES = 24 * 60;

const impCluster = (lab: LabDeployment, id: string) => lab.impClusters.find((c) => c.id === id)!;
const labNode = (lab: LabDeployment, id: string) =>
  lab.clusters.flatMap((c) => c.nodes).find((n) => n.id === id)!;
const labImpNode = (lab: LabDeployment, id: string) =>
  lab.impClusters.flatMap((c) => c.nodes).find((n) => n.id === id);

describe('getLabDeployment', () => {
  it('shows every part the Lab can fail, the sessions each IM&P node serves and the users homed on it', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(30, { home: 'imp-a' });
    await world.addSessions(20, { home: 'imp-a', on: 'imp-b', node: 'ha-2' });
    const lab = await world.engine.getLabDeployment(ORG);
    expect(lab.now).toBe(iso(START));
    expect(lab.clockOffsetMinutes).toBe(0);
    expect(lab.clusters.map((c) => c.id).sort()).toEqual(['exp-edge', 'exp-ha']);
    expect(labNode(lab, 'ha-2')).toEqual({
      id: 'ha-2',
      clusterId: 'exp-ha',
      hostname: 'ha-2.f.example',
      reachable: true,
      connectivity: 'Operational',
      maintenance: 'Off',
      users: 10 + 20,
    });
    const ha = impCluster(lab, 'imp-ha');
    expect(ha.expresswayClusterId).toBe('exp-ha');
    // Publisher first, then by address.
    expect(ha.nodes.map((n) => n.id)).toEqual(['imp-ha-pub', 'imp-a', 'imp-b', 'imp-c', 'imp-d']);
    expect(labImpNode(lab, 'imp-a')).toMatchObject({ sessions: 30, homedUsers: 50 });
    expect(labImpNode(lab, 'imp-b')).toMatchObject({ sessions: 20, homedUsers: 0 });
    expect(ha.presenceRedundancyGroups).toEqual([
      { id: 'prg-ab', name: 'Group AB', highAvailability: true },
      { id: 'prg-cd', name: 'Group CD', highAvailability: false },
    ]);
    // Another organization sees only its own.
    const other = await world.engine.getLabDeployment(OTHER_ORG);
    expect(other.clusters.map((c) => c.id)).toEqual(['exp-g']);
    await expect(world.engine.getLabDeployment('nope')).rejects.toThrow(NotFoundError);
  });
});

describe('updateLabNode', () => {
  it('fails and recovers an Expressway node, keeping a node in maintenance stopped', async () => {
    const world = await makeFailoverWorld();
    const before = (await world.store.listNodes(ORG)).find((n) => n.id === 'edge-2')!;
    await world.setMaintenance('edge-2', 'enter');
    let lab = await world.engine.updateLabNode(ADMIN, 'edge-2', { reachable: false });
    expect(labNode(lab, 'edge-2')).toMatchObject({
      reachable: false,
      maintenance: 'In maintenance mode',
    });
    lab = await world.engine.updateLabNode(ADMIN, 'edge-2', { reachable: true });
    expect(labNode(lab, 'edge-2').reachable).toBe(true);
    const node = (await world.store.listNodes(ORG)).find((n) => n.id === 'edge-2')!;
    expect(node).toMatchObject({ managementConnector: 'Running', messageConnector: 'Stopped' });
    // Every change of state moves the revision (an admin's stale If-Match is refused).
    expect(node.revision).toBe(before.revision + 3);
  });

  it('changes nothing, and says nothing, when the node already is so', async () => {
    const world = await makeFailoverWorld();
    const seq = await world.engine.lastEventSeq(ORG);
    await world.engine.updateLabNode(ADMIN, 'edge-1', {
      reachable: true,
      connectivity: 'Operational',
    });
    expect(await world.engine.listEvents(ORG, seq, 10)).toEqual([]);
  });

  it('finds only nodes of the organization', async () => {
    const world = await makeFailoverWorld();
    await expect(world.engine.updateLabNode(ADMIN, 'g-1', { reachable: false })).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      world.engine.updateLabImpNode(OTHER_ADMIN, 'imp-a', { status: 'Outage' }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      world.engine.updateLabPresenceGroup(OTHER_ADMIN, 'prg-ab', { highAvailability: false }),
    ).rejects.toThrow(NotFoundError);
    await expect(world.engine.fallBackImpNode(OTHER_ADMIN, 'imp-a')).rejects.toThrow(NotFoundError);
  });
});

describe('updateLabImpNode', () => {
  it('puts an IM&P node in Outage and back, stops and starts its AXL service, upgrades it', async () => {
    const world = await makeFailoverWorld();
    let lab = await world.engine.updateLabImpNode(ADMIN, 'imp-c', {
      status: 'Outage',
      axlServiceRunning: false,
      version: '15.0.2',
    });
    expect(labImpNode(lab, 'imp-c')).toMatchObject({
      status: 'Outage',
      axlServiceRunning: false,
      version: '15.0.2',
      discovered: true,
    });
    expect((await world.statusRows()).get('imp-c')).toMatchObject({
      nodeStatus: 'Outage',
      nodeVersion: '15.0.1',
    });
    lab = await world.engine.updateLabImpNode(ADMIN, 'imp-c', { status: 'Operational' });
    expect(labImpNode(lab, 'imp-c')).toMatchObject({ status: 'Operational' });
    await expect(
      world.engine.updateLabImpNode(ADMIN, 'nope', { status: 'Outage' }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('addLabImpNode and removeLabImpNode', () => {
  it('adds a node as IM and Presence allows: six at most, unique addresses, two a group', async () => {
    const world = await makeFailoverWorld();
    const add = (address: string, presenceRedundancyGroupId?: string) =>
      world.engine.addLabImpNode(ADMIN, 'imp-ha', {
        address,
        ...(presenceRedundancyGroupId ? { presenceRedundancyGroupId } : {}),
      });
    await expect(add('IMP-A.f.example')).rejects.toThrow(ConflictError);
    await expect(add('imp-e.f.example', 'prg-ab')).rejects.toThrow(/two nodes already/);
    await expect(add('imp-e.f.example', 'prg-nope')).rejects.toThrow(ValidationError);
    const lab = await add('imp-e.f.example');
    expect(
      impCluster(lab, 'imp-ha').nodes.find((n) => n.address === 'imp-e.f.example'),
    ).toMatchObject({ isPublisher: false, status: 'Operational', discovered: false, sessions: 0 });
    await expect(add('imp-f.f.example')).rejects.toThrow(/6 nodes already/);
    await expect(
      world.engine.addLabImpNode(ADMIN, 'imp-g', { address: 'x.f.example' }),
    ).rejects.toThrow(NotFoundError);
  });

  it('removes only a node that serves nobody and homes nobody, never the publisher', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(5, { home: 'imp-a' });
    await world.addSessions(5, { home: 'imp-c', on: 'imp-d' });
    const remove = (id: string) => world.engine.removeLabImpNode(ADMIN, id);
    await expect(remove('imp-ha-pub')).rejects.toThrow(/publisher/);
    await expect(remove('imp-a')).rejects.toThrow(/serves Message Service sessions/);
    await expect(remove('imp-d')).rejects.toThrow(/serves Message Service sessions/);
    await expect(remove('imp-c')).rejects.toThrow(/5 users are homed/);
    await expect(remove('imp-b')).resolves.toBeDefined();
    // Gone on premises at once; the connector forgets it only when restarted.
    await expect(remove('imp-b')).rejects.toThrow(NotFoundError);
    expect(await world.impNode('imp-b')).toMatchObject({ removed: true, status: 'Outage' });
  });

  it("no longer offers a node removed on premises as a user's home", async () => {
    const world = await makeFailoverWorld();
    const [userId] = await world.addSessions(1, { home: 'imp-a' });
    await world.engine.removeLabImpNode(ADMIN, 'imp-d');
    const labUser = await world.engine.getLabUser(ORG, userId!);
    const homes = labUser.impClusters.find((c) => c.id === 'imp-ha')!.nodes.map((n) => n.id);
    expect(homes.sort()).toEqual(['imp-a', 'imp-b', 'imp-c', 'imp-ha-pub']);
    await expect(
      world.engine.updateLabUser(ADMIN, userId!, { directory: { homeImpNodeId: 'imp-d' } }),
    ).rejects.toThrow(ValidationError);
    await expect(
      world.engine.updateLabUser(ADMIN, userId!, { duplicateHomeImpNodeId: 'imp-d' }),
    ).rejects.toThrow(ValidationError);
  });

  it('forgets at once a node the connector never discovered', async () => {
    const world = await makeFailoverWorld();
    const lab = await world.engine.addLabImpNode(ADMIN, 'imp-ha', { address: 'imp-e.f.example' });
    const added = impCluster(lab, 'imp-ha').nodes.find((n) => n.address === 'imp-e.f.example')!;
    await world.engine.removeLabImpNode(ADMIN, added.id);
    expect(await world.impNode(added.id)).toBeUndefined();
    expect(await world.openAlarms()).toEqual([]);
  });

  it('refuses to remove a node sessions are moving to', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(5, { home: 'imp-a' });
    await world.engine.updateLabImpNode(ADMIN, 'imp-a', { status: 'Outage' });
    await expect(world.engine.removeLabImpNode(ADMIN, 'imp-b')).rejects.toThrow(
      /moving to or from it/,
    );
  });
});

describe('updateLabPresenceGroup', () => {
  it('turns high availability on or off, and finds only groups of the organization', async () => {
    const world = await makeFailoverWorld();
    const lab = await world.engine.updateLabPresenceGroup(ADMIN, 'prg-cd', {
      highAvailability: true,
    });
    expect(impCluster(lab, 'imp-ha').presenceRedundancyGroups[1]).toEqual({
      id: 'prg-cd',
      name: 'Group CD',
      highAvailability: true,
    });
    const cluster = await world.engine.getCluster(ORG, 'exp-ha');
    expect(cluster.impClusters[0]!.presenceRedundancyGroups[1]).toMatchObject({
      highAvailability: 'On',
      impNodeIds: ['imp-c', 'imp-d'],
    });
    await expect(
      world.engine.updateLabPresenceGroup(ADMIN, 'nope', { highAvailability: true }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('advanceClock', () => {
  it('takes a whole number of minutes from 1 to a day', async () => {
    const world = await makeFailoverWorld();
    for (const minutes of [0, -1, 1.5, DAY_MINUTES + 1, Number.NaN])
      await expect(world.engine.advanceClock(ADMIN, minutes)).rejects.toThrow(ValidationError);
    expect((await world.engine.advanceClock(ADMIN, 1)).clockOffsetMinutes).toBe(1);
    const lab = await world.engine.advanceClock(ADMIN, DAY_MINUTES);
    expect(lab.clockOffsetMinutes).toBe(DAY_MINUTES + 1);
    expect(lab.now).toBe(iso(START + (DAY_MINUTES + 1) * MINUTE));
    await expect(world.engine.advanceClock({ orgId: 'nope', actor: 'x' }, 1)).rejects.toThrow(
      NotFoundError,
    );
  });

  it('runs an organization on the injected clock plus its own offset, the same in every engine on the store', async () => {
    const world = await makeFailoverWorld();
    await world.engine.advanceClock(ADMIN, 60);
    world.clock.advance(5 * MINUTE);
    expect((await world.engine.getLabDeployment(ORG)).now).toBe(iso(START + 65 * MINUTE));
    // Another replica on the same store, with its own (same) wall clock.
    const replica = createEngine({ store: world.store, clock: world.clock });
    expect((await replica.getLabDeployment(ORG)).now).toBe(iso(START + 65 * MINUTE));
    // Another organization runs on its own time.
    expect((await replica.getLabDeployment(OTHER_ORG)).now).toBe(iso(START + 5 * MINUTE));
    await replica.advanceClock(ADMIN, 10);
    expect((await world.engine.getLabDeployment(ORG)).clockOffsetMinutes).toBe(70);
    await replica.advanceClock(OTHER_ADMIN, 1);
    expect((await world.engine.getLabDeployment(ORG)).clockOffsetMinutes).toBe(70);
    expect((await world.engine.getLabDeployment(OTHER_ORG)).clockOffsetMinutes).toBe(1);
  });

  it('moves the 72-hour activity window', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(10, { home: 'imp-a' }); // last active an hour before START
    expect(await world.engine.getUserActivity(ORG)).toMatchObject({ enabled: 10, active: 10 });
    for (let day = 0; day < 3; day++) await world.engine.advanceClock(ADMIN, DAY_MINUTES);
    expect(await world.engine.getUserActivity(ORG)).toMatchObject({ active: 0, inactive: 10 });
  });

  it("makes due work progress: a maintenance drain and a failover finish after their organization's fast-forward, not another's", async () => {
    const world = await makeFailoverWorld({ maintenanceRatePerMinute: 1000 });
    await world.addSessions(3_000, { home: 'imp-edge-pub', node: 'edge-1' });
    await world.addSessions(900, { home: 'imp-a' });
    await world.setMaintenance('edge-1', 'enter');
    await world.engine.updateLabImpNode(ADMIN, 'imp-a', { status: 'Outage' });
    await world.runDueWork();
    const before = await world.engine.getLabDeployment(ORG);
    expect(labNode(before, 'edge-1').users).toBe(3_000);
    // Another organization's fast-forward moves none of it, nor this organization's alarms.
    const alarms = await world.openAlarms();
    await world.engine.advanceClock(OTHER_ADMIN, 45);
    await world.runDueWork();
    expect(await world.engine.getLabDeployment(ORG)).toEqual(before);
    expect(await world.openAlarms()).toEqual(alarms);

    const lab = await world.engine.advanceClock(ADMIN, 30);
    // The fast-forward itself only moves time; the due work catches up.
    expect(labNode(lab, 'edge-1').users).toBe(3_000);
    await world.runDueWork();
    const after = await world.engine.getLabDeployment(ORG);
    expect(labNode(after, 'edge-1')).toMatchObject({
      users: 0,
      maintenance: 'In maintenance mode',
    });
    expect(labNode(after, 'edge-2').users).toBe(3_000);
    expect(labImpNode(after, 'imp-a')).toMatchObject({ sessions: 0, sessionMove: null });
    expect(labImpNode(after, 'imp-b')!.sessions).toBe(900);
  });
});

describe('the Lab and the addresses it shows', () => {
  it('names a session move by the address of the node it goes to', async () => {
    const world = await makeFailoverWorld();
    await world.addSessions(5, { home: 'imp-a' });
    const lab = await world.engine.updateLabImpNode(ADMIN, 'imp-a', { status: 'Outage' });
    expect(labImpNode(lab, 'imp-a')!.sessionMove).toMatchObject({
      kind: 'failover',
      toAddress: addressOf('imp-b'),
      sessionsLeft: 5,
    });
  });
});
