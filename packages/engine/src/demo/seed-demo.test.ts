import {
  ACTIVATION_ERROR_CODES,
  USER_STATUSES,
  type ActivationErrorCode,
} from '@hybrid-hub/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { createEngine } from '../engine.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import type { UserView } from '../model/user.ts';
import { evaluateActivation } from '../rules/activation.ts';
import { gatherActivationFacts, gatherDeploymentFacts } from '../rules/activation-facts.ts';
import { isActive } from '../rules/activity.ts';
import type { Store } from '../store/store.ts';
import { seedDemo } from './seed-demo.ts';

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);

async function allUsers(store: Store, orgId: string): Promise<UserView[]> {
  const users: UserView[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listUsers(orgId, {
      page: 1,
      pageSize: 100,
      sort: { field: 'email', direction: 'asc' },
      ...(cursor ? { cursor } : {}),
    });
    users.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return users;
}

async function seeded(acmeUsers: number, seed = 42) {
  const store = new MemoryStore();
  await seedDemo(store, { seed, acmeUsers, globexUsers: 150, clock: new ManualClock(NOW) });
  return store;
}

describe('seedDemo', () => {
  it('is deterministic: same seed, same data; another seed, other data', async () => {
    const [a, b, c] = await Promise.all([seeded(2000), seeded(2000), seeded(2000, 7)]);
    const [usersA, usersB, usersC] = await Promise.all([
      allUsers(a, 'acme'),
      allUsers(b, 'acme'),
      allUsers(c, 'acme'),
    ]);
    expect(usersB).toEqual(usersA);
    expect(usersC).not.toEqual(usersA);
    const someone = usersA[1234]!.id;
    expect(await b.listHistory('acme', someone, { page: 1, pageSize: 20 })).toEqual(
      await a.listHistory('acme', someone, { page: 1, pageSize: 20 }),
    );
    expect(await b.listImpClusters('acme')).toEqual(await a.listImpClusters('acme'));
    // Globex does not depend on Acme's size.
    expect(await allUsers(await seeded(300), 'globex')).toEqual(await allUsers(a, 'globex'));
  });

  it('writes Acme and Globex', async () => {
    const store = await seeded(2000);
    expect(await store.listOrganizations()).toEqual([
      { id: 'acme', name: 'Acme' },
      { id: 'globex', name: 'Globex' },
    ]);
    const clusters = await store.listExpresswayClusters('globex');
    expect(clusters).toHaveLength(1);
    expect(await store.listImpClusters('globex')).toHaveLength(1);
    expect((await store.countUsersByStatus('globex')).Active).toBeGreaterThan(100);
  });

  it('gives every time in whole milliseconds, as stores keep them', async () => {
    const store = await seeded(500);
    const users = await allUsers(store, 'acme');
    const times = users.flatMap((user) => [user.lastActivityAt, user.updatedAt, user.dueAt]);
    for (const user of users.slice(0, 50)) {
      const history = await store.listHistory('acme', user.id, { page: 1, pageSize: 100 });
      times.push(...history.items.map((entry) => entry.at));
    }
    const fractional = times.filter((time) => time !== null && !Number.isInteger(time));
    expect(fractional).toEqual([]);
  });

  describe.each([2000, 20000])('with %i Acme users', (acmeUsers) => {
    let store: MemoryStore;
    let users: UserView[];
    beforeAll(async () => {
      store = await seeded(acmeUsers);
      users = await allUsers(store, 'acme');
    }, 60_000);

    it('has every status in sensible shares and every error code', () => {
      expect(users).toHaveLength(acmeUsers);
      const share = (status: string) => users.filter((u) => u.status === status).length / acmeUsers;
      for (const status of USER_STATUSES) expect(share(status)).toBeGreaterThan(0);
      expect(share('Not activated')).toBeGreaterThanOrEqual(0.15);
      expect(share('Not activated')).toBeLessThanOrEqual(0.2);
      expect(share('Error')).toBeGreaterThanOrEqual(0.02);
      expect(share('Error')).toBeLessThanOrEqual(0.04);
      const codes = new Set(users.map((u) => u.errorCode));
      for (const code of ACTIVATION_ERROR_CODES) expect(codes, code).toContain(code);
      expect(new Set(users.map((u) => u.email)).size).toBe(acmeUsers);
    });

    it('assigns Active users only, balanced, within node and cluster capacity', async () => {
      for (const user of users) {
        if (user.status === 'Active')
          expect(
            user.nodeId !== null && user.clusterId !== null && user.homeImpNodeId !== null,
          ).toBe(true);
        else expect(user.nodeId === null && user.clusterId === null).toBe(true);
        if (user.status === 'Not activated') expect(user.messageServiceEnabled).toBe(false);
      }
      const engine = createEngine({ store, clock: new ManualClock(NOW) });
      const clusters = (await engine.listClusters('acme')).items;
      expect(clusters.length).toBeGreaterThanOrEqual(2);
      expect(clusters.length).toBeLessThanOrEqual(20);
      expect(new Set(clusters.map((c) => c.nodeSize)).size).toBeGreaterThanOrEqual(2);
      for (const summary of clusters) {
        const cluster = await engine.getCluster('acme', summary.id);
        expect(cluster.users).toBeLessThanOrEqual(cluster.capacity);
        expect(cluster.impClusterCount).toBeLessThanOrEqual(5);
        const serving = cluster.nodes.filter(
          (n) => n.maintenance === 'Off' && n.messageConnector === 'Running',
        );
        for (const node of cluster.nodes) expect(node.users).toBeLessThanOrEqual(node.capacity);
        if (serving.length > 1 && cluster.users > 0) {
          const loads = serving.map((n) => n.users);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        }
        const totals = cluster.messageServiceStatus.userTotals;
        expect(totals.usersFromAllImpClustersIcsa).toBeGreaterThanOrEqual(
          totals.usersFromConnectedImpClusters,
        );
        if (cluster.users > 0)
          expect(totals.usersFromConnectedImpClusters).toBeGreaterThan(totals.usersEnabled);
        for (const imp of cluster.impClusters) expect(imp.nodes.length).toBeLessThanOrEqual(6);
      }
    });

    it('gives Error users the code a fresh evaluation gives (an earlier at-capacity failure aside)', async () => {
      const deployment = await gatherDeploymentFacts(store, 'acme');
      const mismatches: string[] = [];
      for (const user of users.filter(
        (u) => u.status === 'Error' && u.errorCode !== 'CLUSTER_AT_CAPACITY',
      )) {
        const outcome = evaluateActivation(
          await gatherActivationFacts(store, 'acme', user, deployment),
        );
        const code: ActivationErrorCode | 'assign' =
          outcome.kind === 'error' ? outcome.code : 'assign';
        if (code !== user.errorCode) mismatches.push(`${user.email}: ${user.errorCode} → ${code}`);
      }
      expect(mismatches).toEqual([]);
    });

    it('has 60–80 % of Active users active within 72 hours', () => {
      const active = users.filter((u) => u.status === 'Active');
      const share = active.filter((u) => isActive(u.lastActivityAt, NOW)).length / active.length;
      expect(share).toBeGreaterThanOrEqual(0.6);
      expect(share).toBeLessThanOrEqual(0.8);
    });

    it('keeps history and due times consistent with each status', async () => {
      for (const user of users) {
        if (user.status === 'Pending') expect(user.dueAt! - NOW).toBeGreaterThan(0);
        if (user.status === 'Pending') expect(user.dueAt! - NOW).toBeLessThanOrEqual(10_000);
        if (user.status === 'Active' || user.status === 'Not activated')
          expect(user.dueAt).toBeNull();
        if (user.errorCode === 'NO_CONNECTOR_AVAILABLE' || user.errorCode === 'CLUSTER_AT_CAPACITY')
          expect(user.dueAt!).toBeGreaterThan(NOW);
        if (user.lastActivityAt !== null) expect(user.lastActivityAt).toBeLessThanOrEqual(NOW);
      }
      for (const user of users.filter((_, i) => i % 97 === 0 || _.status === 'Error')) {
        const { items } = await store.listHistory('acme', user.id, { page: 1, pageSize: 50 });
        if (user.status === 'Not activated' && items.length === 0) continue;
        expect(items[0]!.toStatus).toBe(user.status);
        expect(items.every((h) => h.at <= NOW)).toBe(true);
        if (user.status === 'Error')
          expect(items[0]).toMatchObject({ code: user.errorCode, message: user.errorMessage });
        if (user.errorCode === 'CLUSTER_AT_CAPACITY')
          expect(items[0]!.message).toMatch(/Activation will be retried at/);
      }
    });
  });
});
