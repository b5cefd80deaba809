import { HistoryResponse, UserStatusCounts, UserSummary } from '@hybrid-hub/contract';
import { describe, expect, it } from 'vitest';
import {
  ADMIN,
  cloudUser,
  emailOf,
  HOMES,
  makeWorld,
  ORG,
} from '../test-support/activation-world.ts';
import type { Store } from '../store/store.ts';
import { exportUsers } from './export-users.ts';

describe('history', () => {
  it('reads newest first, by page, and only the organization own users', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    await world.engine.setMessageService(ADMIN, id, true);
    await world.settle();
    await world.engine.reactivateUser(ADMIN, id);
    await world.settle();
    await world.engine.setMessageService(ADMIN, id, false);

    const page1 = HistoryResponse.parse(
      await world.engine.getUserHistory(ORG, id, { page: 1, pageSize: 2 }),
    );
    const page2 = HistoryResponse.parse(
      await world.engine.getUserHistory(ORG, id, { page: 2, pageSize: 2 }),
    );
    expect(page1.total).toBe(5);
    expect([...page1.items, ...page2.items].map((h) => h.message)).toEqual([
      'Message Service switched off.',
      'Assigned to Expressway Main (exp-a.t.example).',
      'Reactivate User.',
      'Assigned to Expressway Main (exp-a.t.example).',
    ]);
    expect(page1.items[0]).toMatchObject({ cluster: null, node: null, code: null });
    await world.store.insertOrganization({ id: 'other', name: 'Other' });
    await expect(
      world.engine.getUserHistory('other', id, { page: 1, pageSize: 2 }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

describe('status counts', () => {
  it('counts the organization users per status', async () => {
    const world = await makeWorld({ fullClusterLoad: 3 });
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    await world.addUser({ name: 'bob' });
    await world.engine.setMessageService(ADMIN, id, true);
    const counts = UserStatusCounts.parse(await world.engine.getUserStatusCounts(ORG));
    expect(counts).toEqual({
      total: 5,
      byStatus: { 'Not activated': 1, Pending: 1, Active: 3, Error: 0 },
    });
    await expect(world.engine.getUserStatusCounts('nope')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});

describe('export', () => {
  async function collect(batches: AsyncIterable<UserSummary[]>) {
    const sizes: number[] = [];
    const rows: UserSummary[] = [];
    for await (const batch of batches) {
      sizes.push(batch.length);
      rows.push(...batch);
    }
    return { sizes, rows };
  }

  it('yields every matching user by name, batch after batch, read by cursor', async () => {
    const world = await makeWorld();
    const users = Array.from({ length: 23 }, (_, i) =>
      cloudUser(`x${String(i).padStart(2, '0')}`, emailOf(`user.${22 - i}`), {
        displayName: `User ${String(22 - i).padStart(2, '0')}`,
        ...(i % 3 === 0
          ? {
              messageServiceEnabled: true,
              status: 'Active' as const,
              clusterId: 'exp-main',
              nodeId: 'main-a',
            }
          : {}),
      }),
    );
    await world.store.insertUsers(users);
    const reads: (string | undefined)[] = [];
    const spy = new Proxy(world.store, {
      get(target, key, receiver) {
        if (key === 'listUsers')
          return (orgId: string, query: Parameters<Store['listUsers']>[1]) => {
            reads.push(query.cursor);
            return target.listUsers(orgId, query);
          };
        return Reflect.get(target, key, receiver) as unknown;
      },
    });

    const all = await collect(exportUsers(spy, ORG, {}, 10));
    expect(all.sizes).toEqual([10, 10, 3]);
    expect(all.rows.map((u) => u.displayName)).toEqual(users.map((u) => u.displayName).sort());
    expect(reads[0]).toBeUndefined();
    expect(reads.slice(1).every((cursor) => typeof cursor === 'string')).toBe(true);
    expect(all.rows.every((row) => UserSummary.safeParse(row).success)).toBe(true);

    const active = await collect(world.engine.exportUsers(ORG, { status: 'Active' }));
    expect(active.rows).toHaveLength(8);
    expect(active.rows[0]!.assignment).toMatchObject({ nodeHostname: 'exp-a.t.example' });
    const searched = await collect(world.engine.exportUsers(ORG, { q: 'user.7' }));
    expect(searched.rows.map((u) => u.email)).toEqual(['user.7@t.example']);
  });

  it('throws for an unknown organization on the first read, and yields nothing for no match', async () => {
    const world = await makeWorld();
    const batches = world.engine.exportUsers('nope', {})[Symbol.asyncIterator]();
    await expect(batches.next()).rejects.toMatchObject({ name: 'NotFoundError' });
    expect((await collect(world.engine.exportUsers(ORG, { status: 'Error' }))).sizes).toEqual([]);
  });
});
