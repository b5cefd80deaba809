import {
  ClusterDetail,
  ClusterListResponse,
  UserDetail,
  UserListQuery,
  UserListResponse,
  type UserListQueryInput,
} from '@hybrid-hub/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { createEngine, type Engine } from './engine.ts';
import { MemoryStore } from './store/memory/memory-store.ts';

describe('engine queries on the demo organizations', () => {
  const clock = new ManualClock();
  const store = new MemoryStore();
  let engine: Engine;
  // What the BFF does: parse the query string with the contract, then ask the engine.
  const list = async (input: UserListQueryInput, orgId = 'acme') =>
    UserListResponse.parse(await engine.listUsers(orgId, UserListQuery.parse(input)));

  beforeAll(async () => {
    await seedDemo(store, { acmeUsers: 2000, globexUsers: 150, clock });
    engine = createEngine({ store, clock });
  });

  it('names the organization, and no other', async () => {
    expect(await engine.getOrganization('acme')).toEqual({ id: 'acme', name: 'Acme' });
    await expect(engine.getOrganization('initech')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('finds a user by their email, and by a part of it', async () => {
    const someone = (await list({ sort: 'email', page: 7, pageSize: 1 })).items[0]!;
    const byEmail = await list({ q: someone.email });
    expect(byEmail.items.map((u) => u.id)).toContain(someone.id);
    const local = someone.email.split('@')[0]!;
    expect((await list({ q: local.toUpperCase() })).items.map((u) => u.id)).toContain(someone.id);
    expect((await list({ q: 'acme.example' })).total).toBe(2000);
    expect((await list({ q: 'globex' })).total).toBe(0);
  });

  it('filters by status with the exact total', async () => {
    const counts = await store.countUsersByStatus('acme');
    const errors = await list({ status: 'Error', pageSize: 100 });
    expect(errors.total).toBe(counts.Error);
    expect(
      errors.items.every(
        (u) => u.status === 'Error' && u.errorCode !== null && u.assignment === null,
      ),
    ).toBe(true);
    const active = await list({ status: 'Active', pageSize: 100 });
    expect(active.items.every((u) => u.assignment !== null)).toBe(true);
  });

  it('sorts by last activity, newest first and never-used last', async () => {
    const first = await list({ sort: '-lastActivity', pageSize: 100 });
    const times = first.items.map((u) => Date.parse(u.lastActivityAt!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const lastPage = await list({ sort: '-lastActivity', pageSize: 100, page: 20 });
    expect(lastPage.items.at(-1)!.lastActivityAt).toBeNull();
    const byName = await list({ sort: '-name', pageSize: 50 });
    const names = byName.items.map((u) => u.displayName.toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
  });

  it('pages by cursor like by page number', async () => {
    const page1 = await list({ sort: 'status', pageSize: 25 });
    const page2 = await list({ sort: 'status', pageSize: 25, cursor: page1.nextCursor! });
    expect(page2.items).toEqual((await list({ sort: 'status', pageSize: 25, page: 2 })).items);
    await expect(
      engine.listUsers('acme', UserListQuery.parse({ cursor: 'garbage!' })),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'cursor' });
  });

  it('explains an Error user with the guide remedy, and names an Active user home IM&P node', async () => {
    const failed = (await list({ status: 'Error', pageSize: 100 })).items.find(
      (u) => u.errorCode === 'NO_CONNECTOR_AVAILABLE',
    )!;
    const detail = UserDetail.parse(await engine.getUser('acme', failed.id));
    expect(detail.error).toMatchObject({
      code: 'NO_CONNECTOR_AVAILABLE',
      retriedAutomatically: true,
    });
    expect(detail.error!.message).toContain('Activation will be retried at');
    expect(detail.error!.remedy).toContain('maintenance');
    const active = (await list({ status: 'Active', sort: '-lastActivity' })).items[0]!;
    const activeDetail = UserDetail.parse(await engine.getUser('acme', active.id));
    expect(activeDetail).toMatchObject({
      error: null,
      activeWithin72Hours: true,
      entitlements: { hybridMessage: true },
    });
    expect(activeDetail.homeImpNode?.impClusterName).toMatch(/^IM&P /);
  });

  it('summarizes clusters from per-node counts', async () => {
    const clusters = ClusterListResponse.parse(await engine.listClusters('acme'));
    const counts = await store.countUsersByStatus('acme');
    expect(clusters.items.reduce((sum, c) => sum + c.users, 0)).toBe(counts.Active);
    const singapore = clusters.items.find((c) => c.name === 'Expressway Singapore')!;
    expect(singapore).toMatchObject({ health: 'Outage', nodesServing: 0, users: 0 });
    for (const cluster of clusters.items)
      expect(cluster.users).toBeLessThanOrEqual(cluster.capacity);
  });

  it('builds the Message Service Status of a cluster, without the AXL password', async () => {
    const emeaId = (await engine.listClusters('acme')).items.find(
      (c) => c.name === 'Expressway EMEA',
    )!.id;
    const raw = await engine.getCluster('acme', emeaId);
    expect(JSON.stringify(raw)).not.toMatch(/axlPassword|secret/);
    const emea = ClusterDetail.parse(raw);
    const totals = emea.messageServiceStatus.userTotals;
    expect(totals.usersEnabled).toBe(emea.users);
    expect(totals.activeUsers + totals.inactiveUsers).toBe(totals.usersEnabled);
    expect(totals.usersFromAllImpClustersIcsa).toBeGreaterThan(
      totals.usersFromConnectedImpClusters,
    );
    expect(totals.usersFromConnectedImpClusters).toBeGreaterThan(totals.usersEnabled);
    const rows = emea.messageServiceStatus.impNodes;
    expect(rows.reduce((sum, r) => sum + r.messageServiceUsers, 0)).toBe(totals.usersEnabled);
    expect(rows.some((r) => r.nodeStatus === 'Outage' && r.messageServiceUsers > 0)).toBe(true);
    expect(emea.impClusters.map((c) => c.name).sort()).toEqual(['IM&P EMEA', 'IM&P Lab']);
    expect(emea.nodes.every((n) => n.size === 'Medium' && n.capacity === 6500)).toBe(true);
    expect(emea.messageServiceStatus.connectivityToWebex.status).toBe('Degraded');
  });

  it('does not find another organization ids', async () => {
    const acmeUser = (await list({})).items[0]!;
    const acmeCluster = (await engine.listClusters('acme')).items[0]!;
    await expect(engine.getUser('globex', acmeUser.id)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(engine.getCluster('globex', acmeCluster.id)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(engine.getUser('acme', 'no-such-user')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    const globex = await list({ pageSize: 100 }, 'globex');
    expect(globex.total).toBe(150);
    expect(globex.items.every((u) => u.email.endsWith('@globex.example'))).toBe(true);
    expect((await engine.listClusters('globex')).items.map((c) => c.name)).toEqual([
      'Expressway HQ',
    ]);
  });
});
