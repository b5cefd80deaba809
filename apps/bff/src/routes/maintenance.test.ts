import {
  ClusterDetail,
  HubEvent,
  ConnectorNode,
  MaintenancePreview,
  UserActivityTotals,
} from '@hybrid-hub/contract';
import { activeSince } from '@hybrid-hub/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectProblem, problemFields } from '../testing/api.ts';
import { openEventStream } from '../testing/event-stream-client.ts';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

// 600 users a second: the demo's EMEA nodes (a few hundred users each) empty within a second of
// the test clock, which `eventually` moves 100 ms per try while the real due-work loop ticks.
let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff({ HUB_MAINTENANCE_RATE: '36000' });
});
afterAll(() => bff.destroy());

const EMEA = 'acme-exp-emea';
const SINGAPORE = 'acme-exp-singapore';

async function cluster(id: string): Promise<ClusterDetail> {
  return ClusterDetail.parse(await bff.json(`/api/v1/clusters/${id}`));
}

async function node(clusterId: string, nodeId: string): Promise<ConnectorNode> {
  return (await cluster(clusterId)).nodes.find((n) => n.id === nodeId)!;
}

function setMaintenance(nodeId: string, body: unknown, ifMatch?: string): Promise<Response> {
  return bff.send(
    'POST',
    `/api/v1/nodes/${nodeId}/maintenance`,
    body,
    ifMatch === undefined ? {} : { 'If-Match': ifMatch },
  );
}

describe('GET /nodes/{id}/maintenance/preview', () => {
  it('shows the impact, tagged with the node revision it describes', async () => {
    const emea = await cluster(EMEA);
    const [first, ...others] = emea.nodes;
    const response = await bff.get(`/api/v1/nodes/${first!.id}/maintenance/preview`);
    expect(response.status).toBe(200);
    const preview = MaintenancePreview.parse(await response.json());
    expect(response.headers.get('etag')).toBe(`"${first!.revision}"`);
    expect(preview).toMatchObject({
      nodeId: first!.id,
      revision: first!.revision,
      usersMoving: first!.users,
      usersWithoutRoom: 0,
      ratePerMinute: 36000,
      requiresForce: false,
    });
    expect(preview.targets.map((t) => t.nodeId)).toEqual(others.map((n) => n.id));
    const after = preview.targets.reduce((sum, t) => sum + t.usersAfter - t.usersBefore, 0);
    expect(after).toBe(first!.users);
  });

  it('answers 404 for an unknown node or another organization’s, 400 for a malformed id', async () => {
    await expectProblem(await bff.get('/api/v1/nodes/nope/maintenance/preview'), 404, 'not_found');
    const [globexNode] = await bff.store.listNodes('globex');
    await expectProblem(
      await bff.get(`/api/v1/nodes/${globexNode!.id}/maintenance/preview`),
      404,
      'not_found',
    );
    expect(await problemFields(await bff.get('/api/v1/nodes/a.b/maintenance/preview'))).toEqual([
      'params.id',
    ]);
  });
});

describe('POST /nodes/{id}/maintenance', () => {
  it('requires If-Match (428), refuses a stale one (412) and a malformed one (400)', async () => {
    const target = (await cluster(EMEA)).nodes[1]!;
    const path = target.id;
    await expectProblem(
      await setMaintenance(path, { action: 'enter' }),
      428,
      'precondition_required',
    );
    const stale = await expectProblem(
      await setMaintenance(path, { action: 'enter' }, `"${target.revision + 7}"`),
      412,
      'precondition_failed',
    );
    expect(stale.detail).toContain(`revision ${target.revision}`);
    const weak = await setMaintenance(path, { action: 'enter' }, `W/"${target.revision}"`);
    expect(await problemFields(weak)).toEqual(['headers.if-match']);
    // Nothing changed meanwhile.
    expect((await node(EMEA, target.id)).maintenance).toBe('Off');
  });

  it('names the body fields at fault', async () => {
    const target = (await cluster(EMEA)).nodes[1]!;
    const response = await setMaintenance(
      target.id,
      { action: 'pause', force: 'yes', extra: 1 },
      `"${target.revision}"`,
    );
    expect((await problemFields(response)).sort()).toEqual([
      'body.action',
      'body.extra',
      'body.force',
    ]);
    await expectProblem(await setMaintenance('nope', { action: 'enter' }, '"1"'), 404, 'not_found');
  });

  it('enters, drains through the due-work loop to In maintenance mode, refuses twice, exits', async () => {
    const before = await cluster(EMEA);
    const target = before.nodes[2]!;
    expect(target.users).toBeGreaterThan(0);
    const response = await setMaintenance(target.id, { action: 'enter' }, `"${target.revision}"`);
    expect(response.status).toBe(200);
    const entered = ConnectorNode.parse(await response.json());
    expect(response.headers.get('etag')).toBe(`"${entered.revision}"`);
    expect(entered).toMatchObject({
      maintenance: 'Entering maintenance mode',
      revision: target.revision + 1,
      maintenanceProgress: { usersAtStart: target.users, usersLeft: target.users },
    });

    const done = await eventually(bff, async () => {
      const now = await node(EMEA, target.id);
      expect(now.maintenance).toBe('In maintenance mode');
      return now;
    });
    expect(done).toMatchObject({
      users: 0,
      messageConnector: 'Stopped',
      maintenanceProgress: null,
    });
    const after = await cluster(EMEA);
    expect(after.users).toBe(before.users);
    for (const n of after.nodes) expect(n.users).toBeLessThanOrEqual(n.capacity);

    const twice = await expectProblem(
      await setMaintenance(target.id, { action: 'enter' }, `"${done.revision}"`),
      409,
      'conflict',
    );
    expect(twice.detail).toContain('already in maintenance mode');
    const exited = await setMaintenance(target.id, { action: 'exit' }, `"${done.revision}"`);
    expect(exited.status).toBe(200);
    expect(ConnectorNode.parse(await exited.json())).toMatchObject({
      maintenance: 'Off',
      messageConnector: 'Running',
    });
    await expectProblem(
      await setMaintenance(target.id, { action: 'exit' }, `"${done.revision + 1}"`),
      409,
      'conflict',
    );
  });

  it('refuses the last node that can serve a cluster (409 last_available_node) unless forced', async () => {
    // Singapore: one node in maintenance mode, the other not responding.
    const [inMaintenance, notResponding] = (await cluster(SINGAPORE)).nodes;
    expect(inMaintenance!.maintenance).toBe('In maintenance mode');
    expect(notResponding!.usersAffected).toBe(notResponding!.users > 0);
    const exited = ConnectorNode.parse(
      await (
        await setMaintenance(inMaintenance!.id, { action: 'exit' }, `"${inMaintenance!.revision}"`)
      ).json(),
    );
    const preview = MaintenancePreview.parse(
      await bff.json(`/api/v1/nodes/${inMaintenance!.id}/maintenance/preview`),
    );
    expect(preview.requiresForce).toBe(true);
    expect(preview.warnings.map((w) => w.code)).toContain('LAST_AVAILABLE_NODE');
    const refused = await expectProblem(
      await setMaintenance(inMaintenance!.id, { action: 'enter' }, `"${exited.revision}"`),
      409,
      'last_available_node',
    );
    expect(refused.title).toBe('Last node that can serve the cluster');
    const forced = await setMaintenance(
      inMaintenance!.id,
      { action: 'enter', force: true },
      `"${exited.revision}"`,
    );
    expect(forced.status).toBe(200);
    expect(ConnectorNode.parse(await forced.json()).maintenance).toBe('In maintenance mode');
  });
});

describe('two admins at once', () => {
  it('lets exactly one of them send the last two serving nodes of a cluster into maintenance', async () => {
    // Americas: two serving nodes. Both requests are in flight together, each with the revision it
    // read: whichever commits second finds itself on the last available node.
    const AMERICAS = 'acme-exp-americas';
    const [a, b] = (await cluster(AMERICAS)).nodes;
    expect([a!.maintenance, b!.maintenance]).toEqual(['Off', 'Off']);
    const responses = await Promise.all([
      setMaintenance(a!.id, { action: 'enter' }, `"${a!.revision}"`),
      setMaintenance(b!.id, { action: 'enter' }, `"${b!.revision}"`),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = responses.find((r) => r.status === 409)!;
    await expectProblem(refused, 409, 'last_available_node');
    const after = await cluster(AMERICAS);
    expect(after.nodes.filter((n) => n.maintenance === 'Off')).toHaveLength(1);

    // Put it back for the other tests.
    const entered = after.nodes.find((n) => n.maintenance !== 'Off')!;
    expect(
      (await setMaintenance(entered.id, { action: 'exit' }, `"${entered.revision}"`)).status,
    ).toBe(200);
  });
});

describe('the event stream', () => {
  it('announces the node changing, so open cluster pages follow it', async () => {
    const stream = await openEventStream(`${bff.url}/api/v1/events`, bff.headers);
    const emea = await cluster(EMEA);
    const target = emea.nodes.find((n) => n.maintenance === 'Off')!;
    await setMaintenance(target.id, { action: 'enter' }, `"${target.revision}"`);
    const message = await stream.waitFor(
      (m) =>
        m.event === 'cluster.changed' &&
        JSON.stringify(HubEvent.parse(JSON.parse(m.data))).includes(target.id),
    );
    expect(HubEvent.parse(JSON.parse(message.data))).toMatchObject({
      type: 'cluster.changed',
      clusterId: EMEA,
    });
    stream.close();
    const now = await node(EMEA, target.id);
    await setMaintenance(target.id, { action: 'exit' }, `"${now.revision}"`);
  });
});

describe('GET /users/activity', () => {
  it('answers the enabled users split by the 72-hour window', async () => {
    const response = await bff.get('/api/v1/users/activity');
    expect(response.status).toBe(200);
    const totals = UserActivityTotals.parse(await response.json());
    const counts = await bff.store.countUserActivity('acme', activeSince(bff.clock.now()));
    expect(totals).toMatchObject({ enabled: counts.enabled, active: counts.active });
    expect(totals.active + totals.inactive).toBe(totals.enabled);
    expect(totals.enabled).toBeGreaterThan(1000);
    expect(totals.activePercent + totals.inactivePercent).toBeCloseTo(100, 0);
  });
});
