import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock, MemoryStore, seedDemo, type UserQuery } from '@hybrid-hub/engine';
import { describeStoreContract } from '@hybrid-hub/engine/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.ts';

const directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-store-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;
const freshFile = () => path.join(directory, `store-${++files}.db`);

// The same conformance suite the in-memory store passes: the two cannot drift apart.
describeStoreContract('SqliteStore', async () => openSqliteStore(freshFile()));

describe('SqliteStore on disk', () => {
  it('applies its migrations once, and again on reopen without change', async () => {
    const file = freshFile();
    const first = openSqliteStore(file);
    const versions = first.schemaVersions();
    expect(versions.length).toBeGreaterThan(0);
    await first.close();
    const second = openSqliteStore(file);
    expect(second.schemaVersions()).toEqual(versions);
    await second.close();
  });

  it('keeps seeded data across a reopen', async () => {
    const file = freshFile();
    const clock = new ManualClock();
    const store = openSqliteStore(file);
    await seedDemo(store, { seed: 3, acmeUsers: 400, globexUsers: 40, clock });
    const sort = { field: 'email', direction: 'asc' } as const;
    const before = await store.listUsers('acme', { page: 2, pageSize: 10, sort });
    await store.close();

    const reopened = openSqliteStore(file);
    expect((await reopened.listOrganizations()).map((org) => org.id).sort()).toEqual([
      'acme',
      'globex',
    ]);
    const after = await reopened.listUsers('acme', { page: 2, pageSize: 10, sort });
    expect(after.total).toBe(before.total);
    expect(after.items.map((user) => user.email)).toEqual(before.items.map((user) => user.email));
    await reopened.close();
  });

  it('rolls back a failed transaction, leaving the file as it was', async () => {
    const store = openSqliteStore(freshFile());
    await expect(
      store.transaction(async (tx) => {
        await tx.insertOrganization({ id: 'initech', name: 'Initech' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.listOrganizations()).toEqual([]);
    await store.close();
  });
});

describe('SqliteStore against MemoryStore on the same demo', () => {
  // Large enough that common search words match more than the store's "few matches" limit
  // (2,000), so both of the SQLite store's search plans are compared with the reference.
  it('answers the same pages for searches, filters, sorts and page numbers', async () => {
    const clock = new ManualClock();
    const sqlite = openSqliteStore(freshFile());
    const memory = new MemoryStore();
    for (const store of [sqlite, memory]) {
      await seedDemo(store, { seed: 5, acmeUsers: 3000, globexUsers: 50, clock });
    }
    const queries: Partial<UserQuery>[] = [
      { q: 'acme' },
      { q: 'acme', status: 'Active', sort: { field: 'lastActivity', direction: 'desc' } },
      { q: 'a', page: 7 },
      { q: 'mar' },
      { q: 'example acme', sort: { field: 'email', direction: 'desc' }, page: 40 },
      { status: 'Error', sort: { field: 'status', direction: 'asc' } },
      { page: 55 },
      { q: 'globex' },
    ];
    for (const overrides of queries) {
      const query: UserQuery = {
        sort: { field: 'name', direction: 'asc' },
        page: 1,
        pageSize: 50,
        ...overrides,
      };
      const [fromSqlite, fromMemory] = await Promise.all([
        sqlite.listUsers('acme', query),
        memory.listUsers('acme', query),
      ]);
      const label = JSON.stringify(overrides);
      expect(fromSqlite.total, label).toBe(fromMemory.total);
      expect(
        fromSqlite.items.map((user) => user.id),
        label,
      ).toEqual(fromMemory.items.map((user) => user.id));
    }
    await sqlite.close();
  });
});
