import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock, MemoryStore, seedDemo, type UserQuery } from '@hybrid-hub/engine';
import { describeStoreContract } from '@hybrid-hub/engine/testing';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrations } from '../migrations.ts';
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
      store.transaction('initech', async (tx) => {
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
      // A bulk job's selection "every user matching this filter" matches the same users.
      const filter = { q: query.q, status: query.status };
      const [idsSqlite, idsMemory] = await Promise.all([
        sqlite.listUserIds('acme', filter),
        memory.listUserIds('acme', filter),
      ]);
      expect(idsSqlite.length, label).toBe(fromMemory.total);
      expect(idsSqlite, label).toEqual(idsMemory);
    }
    await sqlite.close();
  });
});

describe('SqliteStore with a 100,000-user bulk job', () => {
  // How long storing the items takes is the activation bench's business (bench/activation.ts).
  it('stores a job of 100,000 users and walks its items by state', async () => {
    const store = openSqliteStore(freshFile());
    await store.insertOrganization({ id: 'acme', name: 'Acme' });
    const userIds = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);
    const job = {
      id: 'big',
      orgId: 'acme',
      action: 'activate',
      state: 'applying',
      actor: 'admin@acme.example',
      createdAt: 0,
      finishedAt: null,
      total: userIds.length,
      processed: 0,
      settled: 0,
      succeeded: 0,
      failed: 0,
      unchanged: 0,
    } as const;
    await store.transaction(job.orgId, (tx) => tx.insertJob(job, userIds));
    expect(await store.listJobItems('big', 'queued', 2)).toEqual([
      { jobId: 'big', seq: 0, userId: 'user-0', state: 'queued', code: null, message: null },
      { jobId: 'big', seq: 1, userId: 'user-1', state: 'queued', code: null, message: null },
    ]);

    // Everything but the last 100 items applied: the next queued ones are found at the end.
    const applied = Array.from({ length: 99_900 }, (_, seq) => ({
      jobId: 'big',
      seq,
      userId: userIds[seq]!,
      state: 'waiting' as const,
      code: null,
      message: null,
    }));
    await store.transaction(job.orgId, (tx) => tx.updateJobItems(applied));
    const next = await store.listJobItems('big', 'queued', 10);
    expect(next.map((item) => item.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 99_900 + i));
    const waiting = await store.listWaitingJobItems('big', 99_000, 3);
    expect(waiting.map(({ item }) => item.seq)).toEqual([99_001, 99_002, 99_003]);
    await store.close();
  });
});

describe('SqliteStore migrations', () => {
  it('brings a database of an earlier schema up to date, keeping its rows', async () => {
    const file = freshFile();
    const db = new Database(file);
    applyMigrations(db, migrations.slice(0, 2));
    db.prepare("INSERT INTO organizations (id, name) VALUES ('acme', 'Acme')").run();
    db.close();

    const store = openSqliteStore(file);
    expect(store.schemaVersions()).toEqual(migrations.map((m) => m.version));
    expect(await store.listOrganizations()).toEqual([{ id: 'acme', name: 'Acme' }]);
    await store.appendEvents('acme', 1, [{ type: 'users.changed', users: [] }]);
    expect(await store.lastEventSeq('acme')).toBe(1);
    await store.close();
  });
});
