import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { UserSortField } from '@hybrid-hub/contract';
import {
  ManualClock,
  MemoryStore,
  seedDemo,
  type CloudUser,
  type Store,
  type UserQuery,
} from '@hybrid-hub/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANCHOR_EVERY, PageAnchors, type Anchor } from './page-anchors.ts';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';
import { UserLister } from './user-list.ts';

const directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-anchors-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const FIELDS: UserSortField[] = ['name', 'email', 'status', 'lastActivity'];
const query = (overrides: Partial<UserQuery>): UserQuery => ({
  sort: { field: 'name', direction: 'asc' },
  page: 1,
  pageSize: 50,
  ...overrides,
});

describe('pages by number deep in a list (page anchors)', () => {
  let sqlite: SqliteStore;
  let memory: MemoryStore;
  beforeAll(async () => {
    const clock = new ManualClock();
    sqlite = openSqliteStore(path.join(directory, 'anchors.db'));
    memory = new MemoryStore();
    for (const store of [sqlite, memory] as Store[]) {
      await seedDemo(store, { seed: 11, acmeUsers: 6000, globexUsers: 20, clock });
    }
  }, 60_000);
  afterAll(() => sqlite.close());

  /** Deep pages on either side of the middle (pages past it are read from the end). */
  async function expectSameDeepPages(base: UserQuery) {
    const { total } = await memory.listUsers('acme', base);
    const last = Math.ceil(total / base.pageSize);
    for (const page of [21, 22, 40, Math.floor(last / 2), last - 25, last - 21]) {
      if (page < 1 || page > last) continue;
      const label = `${JSON.stringify(base)} page ${page}`;
      const [fromSqlite, fromMemory] = await Promise.all([
        sqlite.listUsers('acme', { ...base, page }),
        memory.listUsers('acme', { ...base, page }),
      ]);
      expect(
        fromSqlite.items.map((user) => user.id),
        label,
      ).toEqual(fromMemory.items.map((user) => user.id));
      expect(fromSqlite.prevCursor !== null, label).toBe(fromMemory.prevCursor !== null);
      expect(fromSqlite.nextCursor !== null, label).toBe(fromMemory.nextCursor !== null);
    }
  }

  it('gives the same users as the reference store, every sort and filter', async () => {
    for (const field of FIELDS) {
      for (const direction of ['asc', 'desc'] as const) {
        await expectSameDeepPages(query({ sort: { field, direction } }));
        await expectSameDeepPages(query({ sort: { field, direction }, status: 'Active' }));
      }
    }
  });

  it('seeks to the anchor before a deep page instead of walking from the start', async () => {
    const deep = query({ status: 'Active', sort: { field: 'lastActivity', direction: 'desc' } });
    const plans = (page: number) =>
      sqlite.useConnection((db) => {
        // A lister with anchors of its own that never go stale: what the plan looks like.
        const lister = new UserLister(db, new PageAnchors());
        return lister.explain('acme', { ...deep, page }).join('\n');
      }, 'read');
    expect(await plans(2)).not.toMatch(/\(activity_key,id\)/);
    expect(await plans(30)).toMatch(/users_by_status_activity \(.*\(activity_key,id\)<\(\?,\?\)\)/);
  });

  it('stays exact right after the list changes', async () => {
    const byName = query({ status: 'Active', sort: { field: 'name', direction: 'asc' } });
    await expectSameDeepPages(byName); // anchors read
    // Users move out of the Active list before the anchors' positions: every deep page shifts.
    for (const store of [sqlite, memory] as Store[]) {
      const early = (await store.listUsers('acme', { ...byName, pageSize: 30 })).items;
      const users = await store.getUsers(
        'acme',
        early.map((user) => user.id),
      );
      await store.updateUsers(
        users.map((before): { before: CloudUser; after: CloudUser } => ({
          before,
          after: { ...before, status: 'Error', errorCode: null, version: before.version + 1 },
        })),
      );
    }
    await expectSameDeepPages(byName); // within a second of the last read: walked from the start
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expectSameDeepPages(byName); // anchors read again
    // And once more inside a transaction that rolls back: its own reads (anchors read again
    // inside it, a second after the last, from its uncommitted writes) must not outlive it.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(
      sqlite.transaction('acme', async (tx) => {
        const early = (await tx.listUsers('acme', { ...byName, pageSize: 40 })).items;
        const users = await tx.getUsers(
          'acme',
          early.map((user) => user.id),
        );
        await tx.updateUsers(
          users.map((before) => ({
            before,
            after: { ...before, status: 'Error', errorCode: null, version: before.version + 1 },
          })),
        );
        await tx.listUsers('acme', { ...byName, page: 40 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await expectSameDeepPages(byName);
  });
});

describe('PageAnchors', () => {
  const anchors: Anchor[] = [0, 1, 2].map((n) => ({
    key: `k${n}`,
    id: `u${n}`,
    position: n * ANCHOR_EVERY,
  }));

  it('reads a list once while the users stay the same, and again after they change', () => {
    let now = 0;
    const cache = new PageAnchors(() => now);
    let reads = 0;
    const read = () => {
      reads++;
      return anchors;
    };
    expect(cache.before('list', 10, read)).toBeUndefined(); // near the start: plain OFFSET
    expect(cache.before('list', 2_500, read)).toBe(anchors[2]);
    expect(cache.before('list', 1_999, read)).toBe(anchors[1]);
    expect(reads).toBe(1);
    // A transaction that wrote users, committed 200 ms after the last read: stale, but not read
    // again so soon; the caller walks from the start.
    cache.usersWritten();
    cache.transactionEnded();
    now += 200;
    expect(cache.before('list', 2_500, read)).toBeUndefined();
    now += 1_000;
    expect(cache.before('list', 9_999, read)).toBe(anchors[2]);
    expect(reads).toBe(2);
    // A transaction that wrote no user (the due work's tick) changes nothing.
    now += 5_000;
    cache.transactionEnded();
    expect(cache.before('list', 2_500, read)).toBe(anchors[2]);
    expect(reads).toBe(2);
    cache.usersWritten();
    expect(cache.before('list', 2_500, read)).toBe(anchors[2]);
    expect(reads).toBe(3);
  });
});
