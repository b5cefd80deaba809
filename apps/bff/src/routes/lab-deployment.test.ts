import {
  AlarmListResponse,
  ClusterDetail,
  ConnectorRestartResult,
  LabDeployment,
  type LabImpNode,
} from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectProblem, problemFields } from '../testing/api.ts';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

// One BFF for the file: each test works on its own part of the demo deployment (Americas for
// the failover, EMEA for the Expressway outage, the restart on Americas West), so their order
// does not matter.
let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff();
});
afterAll(() => bff.destroy());

async function deployment(): Promise<LabDeployment> {
  return LabDeployment.parse(await bff.json('/api/v1/lab/deployment'));
}

async function impNode(id: string): Promise<LabImpNode> {
  const nodes = (await deployment()).impClusters.flatMap((cluster) => cluster.nodes);
  const node = nodes.find((candidate) => candidate.id === id);
  if (!node) throw new Error(`no IM&P node ${id}`);
  return node;
}

async function send(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<LabDeployment> {
  const response = await bff.send(method, path, body);
  expect(response.status, await response.clone().text()).toBe(200);
  return LabDeployment.parse(await response.json());
}

async function openAlarms(query = ''): Promise<AlarmListResponse> {
  return AlarmListResponse.parse(await bff.json(`/api/v1/alarms?pageSize=100${query}`));
}

async function restart(clusterId: string): Promise<ConnectorRestartResult> {
  const response = await bff.send(
    'POST',
    `/api/v1/clusters/${clusterId}/message-connector/restart`,
  );
  expect(response.status).toBe(200);
  return ConnectorRestartResult.parse(await response.json());
}

describe('IM&P outage and failover, through the Lab', () => {
  const SOURCE = 'acme-imp-americas-sub1';
  const PEER = 'acme-imp-americas-pub';

  it('shows Outage with the users still on the node, then moves them to the peer as the clock runs', async () => {
    const before = await impNode(SOURCE);
    const peerBefore = await impNode(PEER);
    expect(before.sessions).toBeGreaterThan(0);

    const after = await send('PUT', `/api/v1/lab/imp-nodes/${SOURCE}`, { status: 'Outage' });
    const failed = after.impClusters.flatMap((c) => c.nodes).find((n) => n.id === SOURCE)!;
    expect(failed.status).toBe('Outage');
    // Still assigned: the move starts up to 15 minutes after the outage.
    expect(failed.sessions).toBe(before.sessions);
    expect(failed.sessionMove).toMatchObject({ kind: 'failover', toImpNodeId: PEER });
    const move = failed.sessionMove!;
    const delay = Date.parse(move.startsAt) - Date.parse(move.requestedAt);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThanOrEqual(15 * 60_000);

    const { items } = await openAlarms();
    expect(
      items.find((alarm) => alarm.code === 'IMP_NODE_OUTAGE' && alarm.nodes[0]?.id === SOURCE),
    ).toMatchObject({ state: 'open', clusterId: 'acme-exp-americas' });

    // Fast-forward past the whole failover: every session is on the peer, none lost.
    await send('POST', '/api/v1/lab/clock', { minutes: 45 });
    await eventually(bff, async () => expect((await impNode(SOURCE)).sessions).toBe(0));
    // At least: Pending users of the demo may activate onto the peer meanwhile.
    expect((await impNode(PEER)).sessions).toBeGreaterThanOrEqual(
      peerBefore.sessions + before.sessions,
    );
    expect((await impNode(SOURCE)).sessionMove).toBeNull();

    // Recovery does not bring them back by itself; a manual fallback does.
    await send('PUT', `/api/v1/lab/imp-nodes/${SOURCE}`, { status: 'Operational' });
    expect((await impNode(SOURCE)).sessions).toBe(0);
    const fallingBack = await send('POST', `/api/v1/lab/imp-nodes/${SOURCE}/fallback`);
    const source = fallingBack.impClusters.flatMap((c) => c.nodes).find((n) => n.id === SOURCE)!;
    const peer = fallingBack.impClusters.flatMap((c) => c.nodes).find((n) => n.id === PEER)!;
    // The fallback moves the peer's sessions of users homed on the source back to it.
    expect(peer.sessionMove ?? source.sessionMove).toMatchObject({ kind: 'fallback' });
    await send('POST', '/api/v1/lab/clock', { minutes: 45 });
    await eventually(bff, async () => {
      expect((await impNode(SOURCE)).sessions).toBeGreaterThanOrEqual(before.sessions);
      expect((await impNode(SOURCE)).sessionMove).toBeNull();
      expect((await impNode(PEER)).sessionMove).toBeNull();
    });
  });

  it('asks for a Message Connector restart when high availability changes, and the restart clears it', async () => {
    const group = 'acme-imp-americas-prg2';
    await send('PUT', `/api/v1/lab/presence-groups/${group}`, { highAvailability: false });
    const restartAlarm = () =>
      openAlarms().then(({ items }) =>
        items.find((alarm) => alarm.code === 'MESSAGE_CONNECTOR_RESTART_REQUIRED'),
      );
    await eventually(bff, async () =>
      expect(await restartAlarm()).toMatchObject({ clusterId: 'acme-exp-americas' }),
    );
    await restart('acme-exp-americas');
    await eventually(bff, async () => expect(await restartAlarm()).toBeUndefined());
    await send('PUT', `/api/v1/lab/presence-groups/${group}`, { highAvailability: true });
    await restart('acme-exp-americas');
  });
});

describe('Expressway node failure, through the Lab', () => {
  const NODE = 'acme-exp-emea-n1';

  it('shows the node not responding with its users affected and an alarm, until it recovers', async () => {
    const fail = await send('PUT', `/api/v1/lab/nodes/${NODE}`, { reachable: false });
    const failed = fail.clusters.flatMap((c) => c.nodes).find((n) => n.id === NODE)!;
    expect(failed.reachable).toBe(false);

    const cluster = ClusterDetail.parse(await bff.json('/api/v1/clusters/acme-exp-emea'));
    const node = cluster.nodes.find((n) => n.id === NODE)!;
    expect(node.users).toBeGreaterThan(0);
    expect(node.usersAffected).toBe(true);
    expect(cluster.affectedUsers).toBeGreaterThanOrEqual(node.users);

    const alarm = () =>
      openAlarms('&clusterId=acme-exp-emea').then(({ items }) =>
        items.find((a) => a.code === 'NODE_NOT_RESPONDING' && a.nodes[0]?.id === NODE),
      );
    await eventually(bff, async () => expect(await alarm()).toBeDefined());

    await send('PUT', `/api/v1/lab/nodes/${NODE}`, { reachable: true });
    await eventually(bff, async () => expect(await alarm()).toBeUndefined());
    const resolved = await openAlarms('&state=resolved');
    expect(
      resolved.items.find((a) => a.code === 'NODE_NOT_RESPONDING' && a.nodes[0]?.id === NODE),
    ).toMatchObject({ state: 'resolved', resolvedAt: expect.any(String) });
  });
});

describe('Restart Message Connector', () => {
  const CLUSTER = 'acme-exp-americas';
  const IMP = 'acme-imp-americas';
  const NODE = `${IMP}-sub3`;

  it('discovers added nodes and nodes whose AXL is back, drops removed ones, and resynchronizes versions', async () => {
    // The demo's IM&P Americas West has an AXL account without the AXL role: nothing of it can
    // be discovered, and the restart says so for each of its nodes.
    const first = await restart(CLUSTER);
    expect(first.clusterId).toBe(CLUSTER);
    const west = first.notDiscovered.filter((n) => n.id.startsWith('acme-imp-americas-west'));
    expect(west).toHaveLength(2);
    for (const node of west) expect(node.reason).toMatch(/lacks the AXL role/);

    await send('PUT', `/api/v1/lab/imp-nodes/${NODE}`, { axlServiceRunning: false });
    const down = await restart(CLUSTER);
    expect(down.notDiscovered.map((n) => n.id)).toContain(NODE);
    expect(down.notDiscovered.find((n) => n.id === NODE)!.reason).toMatch(/AXL/);

    await send('PUT', `/api/v1/lab/imp-nodes/${NODE}`, {
      axlServiceRunning: true,
      version: '15.0.1.13900-1',
    });
    const added = await send('POST', `/api/v1/lab/imp-clusters/${IMP}/nodes`, {
      address: 'cups-americas-09.acme.example',
    });
    const newNode = added.impClusters
      .find((c) => c.id === IMP)!
      .nodes.find((n) => n.address === 'cups-americas-09.acme.example')!;
    expect(newNode.discovered).toBe(false);

    const up = await restart(CLUSTER);
    expect(up.discovered.map((n) => n.id)).toEqual(expect.arrayContaining([NODE, newNode.id]));
    expect(up.versionsUpdated).toContainEqual(
      expect.objectContaining({ id: NODE, to: '15.0.1.13900-1' }),
    );
    expect((await impNode(newNode.id)).discovered).toBe(true);

    await send('DELETE', `/api/v1/lab/imp-nodes/${newNode.id}`);
    const removed = await restart(CLUSTER);
    expect(removed.removed.map((n) => n.id)).toContain(newNode.id);
    const after = await deployment();
    expect(after.impClusters.flatMap((c) => c.nodes).map((n) => n.id)).not.toContain(newNode.id);
  });

  it('answers 404 for a cluster that does not exist', async () => {
    await expectProblem(
      await bff.send('POST', '/api/v1/clusters/acme-nowhere/message-connector/restart'),
      404,
      'not_found',
    );
  });
});

describe('the simulation clock', () => {
  it('moves forward by the minutes asked, and says so', async () => {
    const before = await deployment();
    const after = await send('POST', '/api/v1/lab/clock', { minutes: 90 });
    expect(after.clockOffsetMinutes).toBe(before.clockOffsetMinutes + 90);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(90 * 60_000);
  });
});

describe('bad input to the Lab deployment controls', () => {
  it('names the fields it rejects, and unknown ids answer 404', async () => {
    expect(
      await problemFields(await bff.send('POST', '/api/v1/lab/clock', { minutes: 0 })),
    ).toEqual(['body.minutes']);
    expect(
      await problemFields(await bff.send('POST', '/api/v1/lab/clock', { minutes: 1441 })),
    ).toEqual(['body.minutes']);
    expect(
      await problemFields(
        await bff.send('PUT', '/api/v1/lab/nodes/acme-exp-emea-n2', { reachable: 'no' }),
      ),
    ).toEqual(['body.reachable']);
    expect(
      await problemFields(
        await bff.send('PUT', '/api/v1/lab/imp-nodes/acme-imp-emea-pub', { status: 'Gone' }),
      ),
    ).toEqual(['body.status']);
    expect((await bff.send('PUT', '/api/v1/lab/imp-nodes/acme-imp-emea-pub', {})).status).toBe(400);
    await expectProblem(
      await bff.send('PUT', '/api/v1/lab/nodes/acme-exp-nowhere', { reachable: false }),
      404,
      'not_found',
    );
    await expectProblem(
      await bff.send('POST', '/api/v1/lab/imp-nodes/acme-imp-nowhere/fallback'),
      404,
      'not_found',
    );
    await expectProblem(
      await bff.send('PUT', '/api/v1/lab/presence-groups/acme-prg-nowhere', {
        highAvailability: true,
      }),
      404,
      'not_found',
    );
    await expect(
      problemFields(await bff.get('/api/v1/alarms?state=closed&pageSize=0')),
    ).resolves.toEqual(['query.state', 'query.pageSize']);
  });
});

describe('the Lab deployment controls, Lab off', () => {
  it('do not exist', async () => {
    const off = await startTestBff({ HUB_LAB: 'false' });
    try {
      await expectProblem(await off.get('/api/v1/lab/deployment'), 404, 'not_found');
      await expectProblem(
        await off.send('POST', '/api/v1/lab/clock', { minutes: 5 }),
        404,
        'not_found',
      );
    } finally {
      await off.destroy();
    }
  });
});
