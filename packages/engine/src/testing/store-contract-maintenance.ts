import { beforeEach, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { makeUser, NOW, ORG_A, ORG_B, seedStoreFixture, usersA } from './store-fixture.ts';

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

  it('keeps node loads, users on a node and due users right through every write and rollback', async () => {
    // What the due work reads after each step: stores that keep these as indexes must follow
    // inserts, moves, due times set and cleared, batch updates, and writes rolled back.
    const loads = async () => Object.fromEntries(await store.countUsersByNode(ORG_A));
    const onNode = async (nodeId: string) =>
      (await store.listUsersOnNode(ORG_A, nodeId, 100)).map((u) => u.id);
    const dueIds = async () =>
      (await store.listDueUsers(ORG_A, NOW + 3 * HOUR, 100)).map((u) => u.id);
    const read = async (id: string) => (await store.getUsers(ORG_A, [id]))[0]!;
    const initial = { loads: await loads(), n1: await onNode('a-n1'), due: await dueIds() };
    const [moving] = await store.listUsersOnNode(ORG_A, 'a-n1', 1);
    const load = (nodeId: string) => initial.loads[nodeId] ?? 0;

    const failing = store.transaction(ORG_A, async (tx) => {
      const fresh = makeUser(ORG_A, ['n1', 'New Comer', 'new.comer@a.example', 'Active', 1]);
      await tx.insertUsers([{ ...fresh, nodeId: 'a-n3', clusterId: 'a-exp-2', dueAt: NOW }]);
      const moved = { ...moving!, nodeId: 'a-n2', dueAt: NOW + HOUR, version: moving!.version + 1 };
      expect(await tx.updateUsers([{ before: moving!, after: moved }])).toEqual([true]);
      expect((await tx.countUsersByNode(ORG_A)).get('a-n3')).toBe(load('a-n3') + 1);
      expect((await tx.listDueUsers(ORG_A, NOW + 3 * HOUR, 100)).map((u) => u.id)).toContain('n1');
      throw new Error('undo');
    });
    await expect(failing).rejects.toThrow('undo');
    expect({ loads: await loads(), n1: await onNode('a-n1'), due: await dueIds() }).toEqual(
      initial,
    );

    // Committed: off a-n1 onto a-n2, and due; then not due and off every node.
    const moved = { ...moving!, nodeId: 'a-n2', dueAt: NOW + HOUR, version: moving!.version + 1 };
    expect(await store.updateUser(moved, moving!.version)).toBe(true);
    expect(await loads()).toEqual({
      ...initial.loads,
      'a-n1': load('a-n1') - 1,
      'a-n2': load('a-n2') + 1,
    });
    expect(await onNode('a-n1')).toEqual(initial.n1.filter((id) => id !== moving!.id));
    expect(await onNode('a-n2')).toContain(moving!.id);
    expect(await dueIds()).toContain(moving!.id);
    const unassigned = { ...moved, nodeId: null, clusterId: null, dueAt: null, version: 3 };
    expect(
      await store.updateUsers([{ before: await read(moving!.id), after: unassigned }]),
    ).toEqual([true]);
    expect((await store.countUsersByNode(ORG_A)).get('a-n2') ?? 0).toBe(load('a-n2'));
    expect(await onNode('a-n2')).not.toContain(moving!.id);
    expect(await dueIds()).toEqual(initial.due.filter((id) => id !== moving!.id));
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
