import { ClusterDetail, ClusterListResponse, Problem } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff();
});
afterAll(() => bff.destroy());

describe('clusters', () => {
  it('lists the Expressway clusters with users within capacity', async () => {
    const { items } = ClusterListResponse.parse(await bff.json('/api/v1/clusters'));
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(items.map((cluster) => cluster.nodeSize)).size).toBeGreaterThan(1);
    for (const cluster of items) expect(cluster.users).toBeLessThanOrEqual(cluster.capacity);
  });

  it('answers a cluster with its nodes and Message Service status', async () => {
    const [first] = ClusterListResponse.parse(await bff.json('/api/v1/clusters')).items;
    const cluster = ClusterDetail.parse(await bff.json(`/api/v1/clusters/${first!.id}`));
    expect(cluster.nodes).toHaveLength(cluster.nodeCount);
    expect(cluster.nodes.reduce((sum, node) => sum + node.users, 0)).toBe(cluster.users);
    const totals = cluster.messageServiceStatus.userTotals;
    expect(totals.usersFromAllImpClustersIcsa).toBeGreaterThanOrEqual(
      totals.usersFromConnectedImpClusters,
    );
    expect(totals.activeUsers + totals.inactiveUsers).toBe(totals.usersEnabled);
  });

  it('never returns an AXL password', async () => {
    const { items } = ClusterListResponse.parse(await bff.json('/api/v1/clusters'));
    const orgs = await bff.store.listImpClusters('acme');
    const passwords = orgs.map((imp) => imp.axlPassword).filter(Boolean);
    expect(passwords.length).toBeGreaterThan(0);
    for (const cluster of items) {
      const text = await (await bff.get(`/api/v1/clusters/${cluster.id}`)).text();
      expect(text).not.toMatch(/axlPassword/i);
      for (const password of passwords) expect(text).not.toContain(password);
    }
  });

  it('answers 404 for another organization’s cluster', async () => {
    const [globexCluster] = await bff.store.listExpresswayClusters('globex');
    const response = await bff.get(`/api/v1/clusters/${globexCluster!.id}`);
    expect(response.status).toBe(404);
    expect(Problem.parse(await response.json()).code).toBe('not_found');
  });
});
