import { beforeEach, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { NOW, ORG_A, ORG_B, seedStoreFixture, usersA } from './store-fixture.ts';

const HOUR = 3_600_000;

/** What maintenance mode and the activity totals need from a store. */
export function describeMaintenanceContract(makeStore: () => Promise<Store>): void {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
    await seedStoreFixture(store);
    return () => store.close();
  });

  it('stores the move off a node entering maintenance, and clears it', async () => {
    const [node] = await store.listNodes(ORG_A, 'a-exp-2');
    const entering = {
      ...node!,
      maintenance: 'Entering maintenance mode' as const,
      maintenanceMove: {
        startedAt: NOW,
        usersAtStart: 4200,
        usersMoved: 17,
        stuckReason: 'The other nodes of the cluster are full.',
        ratePerMinute: 1000,
        pacedFrom: NOW + 60_000,
        movedBeforePace: 15,
      },
      revision: node!.revision + 1,
    };
    expect(await store.updateNode(entering, node!.revision)).toBe(true);
    expect((await store.listNodes(ORG_A, 'a-exp-2'))[0]).toEqual(entering);
    // Fractional rates survive the round trip too.
    const slower = {
      ...entering,
      maintenanceMove: { ...entering.maintenanceMove, ratePerMinute: 2.5, stuckReason: null },
    };
    expect(await store.updateNode(slower, entering.revision)).toBe(true);
    expect((await store.listNodes(ORG_A, 'a-exp-2'))[0]).toEqual(slower);

    const done = { ...slower, maintenance: 'In maintenance mode' as const, maintenanceMove: null };
    expect(await store.updateNode(done, slower.revision)).toBe(true);
    expect((await store.listNodes(ORG_A, 'a-exp-2'))[0]).toEqual(done);
  });

  it('lists the users on a node in id order, up to a limit, in one organization', async () => {
    const onN1 = usersA
      .filter((u) => u.nodeId === 'a-n1')
      .map((u) => u.id)
      .sort();
    expect(onN1.length).toBeGreaterThan(2);
    expect((await store.listUsersOnNode(ORG_A, 'a-n1', 100)).map((u) => u.id)).toEqual(onN1);
    expect((await store.listUsersOnNode(ORG_A, 'a-n1', 2)).map((u) => u.id)).toEqual(
      onN1.slice(0, 2),
    );
    const [first] = await store.listUsersOnNode(ORG_A, 'a-n1', 1);
    expect(first).toEqual(usersA.find((u) => u.id === onN1[0]));
    expect(await store.listUsersOnNode(ORG_A, 'a-n1', 0)).toEqual([]);
    expect(await store.listUsersOnNode(ORG_B, 'a-n1', 100)).toEqual([]);
    expect(await store.listUsersOnNode(ORG_A, 'no-such-node', 100)).toEqual([]);
  });

  it('follows users that move between nodes', async () => {
    const [user] = await store.listUsersOnNode(ORG_A, 'a-n1', 1);
    const moved = { ...user!, nodeId: 'a-n2', version: user!.version + 1 };
    expect(await store.updateUser(moved, user!.version)).toBe(true);
    expect((await store.listUsersOnNode(ORG_A, 'a-n1', 100)).map((u) => u.id)).not.toContain(
      user!.id,
    );
    expect((await store.listUsersOnNode(ORG_A, 'a-n2', 100)).map((u) => u.id)).toContain(user!.id);
  });

  it('counts enabled users and the active ones among them', async () => {
    const since = NOW - 72 * HOUR;
    const enabled = usersA.filter((u) => u.messageServiceEnabled);
    const active = enabled.filter((u) => u.lastActivityAt !== null && u.lastActivityAt >= since);
    // The fixture has users exactly at the window's edge (72 hours ago): they count as active.
    expect(active.some((u) => u.lastActivityAt === since)).toBe(true);
    expect(await store.countUserActivity(ORG_A, since)).toEqual({
      enabled: enabled.length,
      active: active.length,
    });
    expect(await store.countUserActivity(ORG_A, NOW + HOUR)).toEqual({
      enabled: enabled.length,
      active: 0,
    });
    expect(await store.countUserActivity('no-such-org', since)).toEqual({ enabled: 0, active: 0 });
  });
}
