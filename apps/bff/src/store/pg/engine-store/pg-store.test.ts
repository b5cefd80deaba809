import type { HubEvent } from '@hybrid-hub/contract';
import type { Store } from '@hybrid-hub/engine';
import { describeStoreContract, seedStoreFixture } from '@hybrid-hub/engine/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENTS_CHANNEL } from '../../../events/pg-event-listener.ts';
import { freshPgSchema, testPostgresUrl } from '../../../testing/test-postgres.ts';
import { PG_MIGRATIONS } from '../migrations/index.ts';
import { openPgPool, quoteIdentifier } from '../pg-pool.ts';
import { openPgStore, type PgStore } from './pg-store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Drops a test schema through a pool of its own (the store's pool ends with the store). */
async function dropSchema(url: string, schema: string): Promise<void> {
  const admin = openPgPool(url, { max: 1 });
  try {
    await admin.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
  } finally {
    await admin.end();
  }
}

/** A store on a schema of its own; after the test the store is closed and the schema dropped. */
async function freshStore(options: { applicationName?: string } = {}): Promise<PgStore> {
  const schema = await freshPgSchema({ max: 4, ...options });
  const store = await openPgStore(schema.pool);
  cleanups.push(async () => {
    await store.close();
    await dropSchema(schema.url, schema.schema);
  });
  return store;
}

// The same conformance suite the in-memory and SQLite stores pass: the three cannot drift apart.
describeStoreContract('PgStore', freshStore);

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until true; fails after `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('still false');
    await delay(10);
  }
}

/** Two stores on one schema, opened together: two BFF replicas on one database. */
async function twoReplicas(): Promise<[PgStore, PgStore]> {
  const schema = await freshPgSchema({ max: 4 });
  const secondPool = openPgPool(schema.url, { schema: schema.schema, max: 4 });
  const stores = await Promise.all([openPgStore(schema.pool), openPgStore(secondPool)]);
  cleanups.push(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await dropSchema(schema.url, schema.schema);
  });
  for (const id of ['org-a', 'org-b']) await stores[0].insertOrganization({ id, name: id });
  return stores;
}

const changed = (version: number): HubEvent => ({
  type: 'users.changed',
  users: [{ id: 'u1', status: 'Active', version }],
});

describe('PgStore with two replicas on one schema', () => {
  it('applies the migrations once when both open at once', async () => {
    const [one, two] = await twoReplicas();
    const versions = PG_MIGRATIONS.map((migration) => migration.version);
    // Had a replica applied a version again, its CREATE TABLE would have failed the open.
    expect(await one.schemaVersions()).toEqual(versions);
    expect(await two.schemaVersions()).toEqual(versions);
  });

  it("runs one organization's transactions one at a time across replicas, and tells the first when the other waits", async () => {
    const [one, two] = await twoReplicas();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sawWaiter = false;
    const first = one.transaction('org-a', async (tx) => {
      log.push('first begins');
      expect(await tx.shouldYield()).toBe(false);
      await tx.advanceClockOffset('org-a', 1_000);
      await gate;
      // The other replica's transaction waits on the lock: pg_locks shows it.
      await eventually(() => tx.shouldYield());
      sawWaiter = true;
      log.push('first ends');
    });
    await delay(50);
    const second = two.transaction('org-a', async (tx) => {
      log.push('second begins');
      return (await tx.getClockOffsets()).get('org-a');
    });
    await delay(100);
    expect(log).toEqual(['first begins']);
    release();
    await first;
    // The second began after the first committed, and saw its write.
    expect(await second).toBe(1_000);
    expect(log).toEqual(['first begins', 'first ends', 'second begins']);
    expect(sawWaiter).toBe(true);
  });

  it("runs two organizations' transactions at the same time", async () => {
    const [one, two] = await twoReplicas();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = one.transaction('org-a', async (tx) => {
      await tx.advanceClockOffset('org-a', 1_000);
      await gate;
      // Nothing waits for org-a: org-b's transaction took a lock of its own.
      return tx.shouldYield();
    });
    await delay(50);
    // Done while org-a's transaction is still open.
    expect(await two.transaction('org-b', (tx) => tx.advanceClockOffset('org-b', 2_000))).toBe(
      2_000,
    );
    release();
    expect(await first).toBe(false);
  });

  it("numbers one organization's events in commit order when both replicas append at once", async () => {
    const [one, two] = await twoReplicas();
    const seen: number[] = [];
    let done = false;
    // A stream reading "after the last seq it saw": a seq committed below it would be skipped.
    const stream = (async () => {
      let last = 0;
      while (!done) {
        for (const event of await one.listEventsSince('org-a', last, 1_000)) {
          seen.push(event.seq);
          last = event.seq;
        }
        await delay(1);
      }
    })();
    // Each transaction draws its seq, then waits before committing: without the lock, a later
    // seq would often commit first.
    const append = (store: PgStore, version: number) =>
      store.transaction('org-a', async (tx) => {
        await tx.appendEvents('org-a', version, [changed(version)]);
        await delay(version % 3);
      });
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => append(one, i)),
      ...Array.from({ length: 20 }, (_, i) => append(two, 100 + i)),
      // Appends outside a transaction take the lock too.
      ...Array.from({ length: 10 }, (_, i) => two.appendEvents('org-a', 200 + i, [changed(i)])),
    ]);
    await delay(20);
    done = true;
    await stream;
    const all = (await two.listEventsSince('org-a', 0, 1_000)).map((event) => event.seq);
    expect(all.length).toBe(50);
    expect(seen).toEqual(all);
  });
});

const ORG_A = 'org-a';

describe('PgStore', () => {
  it('leaves nothing of a transaction that throws, a savepoint released inside it included', async () => {
    const store = await freshStore();
    await expect(
      store.transaction(ORG_A, async (tx) => {
        await seedStoreFixture(tx);
        await tx.transaction(ORG_A, (nested) => nested.advanceClockOffset(ORG_A, 5));
        await tx.appendEvents(ORG_A, 1, [changed(1)]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.listOrganizations()).toEqual([]);
    expect(await store.listNodes(ORG_A)).toEqual([]);
    expect(await store.getClockOffsets()).toEqual(new Map());
    expect(await store.lastEventSeq(ORG_A)).toBe(0);
    // The connection went back to the pool clean: the next transaction commits.
    await store.transaction(ORG_A, (tx) => tx.insertOrganization({ id: ORG_A, name: 'A' }));
    expect((await store.listOrganizations()).map((org) => org.id)).toEqual([ORG_A]);
  });

  it("notifies every replica of an organization's events after the commit, never for a rollback", async () => {
    const store = await freshStore();
    // The channel is the database's, shared by every schema: an id no other test uses.
    const orgId = `org-${randomUUID()}`;
    await store.insertOrganization({ id: orgId, name: 'Notified' });
    const listener = new pg.Client({ connectionString: testPostgresUrl() });
    await listener.connect();
    cleanups.push(() => listener.end());
    const heard: string[] = [];
    listener.on('notification', (message) => {
      if (message.channel === EVENTS_CHANNEL && message.payload === orgId) heard.push('event');
    });
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const committed = store.transaction(orgId, async (tx) => {
      await tx.appendEvents(orgId, 1, [changed(1)]);
      await tx.appendEvents(orgId, 2, [changed(2)]);
      await gate;
    });
    await delay(50);
    expect(heard).toEqual([]);
    release();
    await committed;
    // Two appends in one transaction: one notification.
    await eventually(async () => heard.length > 0);
    await expect(
      store.transaction(orgId, async (tx) => {
        await tx.appendEvents(orgId, 3, [changed(3)]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await store.appendEvents(orgId, 4, [changed(4)]);
    await eventually(async () => heard.length > 1);
    await delay(50);
    expect(heard).toEqual(['event', 'event']);
  });

  it('fails a transaction whose connection is lost while its work waits, and goes on', async () => {
    const applicationName = `pg-store-test-${randomUUID()}`;
    const store = await freshStore({ applicationName });
    await seedStoreFixture(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const lost = store.transaction(ORG_A, async (tx) => {
      await tx.advanceClockOffset(ORG_A, 1_000);
      await gate;
      return tx.advanceClockOffset(ORG_A, 1_000);
    });
    const admin = openPgPool(testPostgresUrl(), { max: 1 });
    cleanups.push(() => admin.end());
    // The server ends the backend while the work awaits the gate, between two statements.
    await eventually(async () => {
      const { rows } = await admin.query<{ ended: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
         WHERE application_name = $1 AND state = 'idle in transaction'`,
        [applicationName],
      );
      return rows.length === 1 && rows[0]!.ended;
    });
    await delay(50);
    release();
    await expect(lost).rejects.toThrow();
    // Nothing of it stayed, and the next transaction runs on a new connection.
    expect(await store.getClockOffsets()).toEqual(new Map());
    expect(await store.transaction(ORG_A, (tx) => tx.advanceClockOffset(ORG_A, 5))).toBe(5);
  });

  it('frees the organization of a replica frozen in a transaction within the idle timeout', async () => {
    const schema = await freshPgSchema({ max: 4 });
    const stores = await Promise.all(
      [schema.pool, openPgPool(schema.url, { schema: schema.schema, max: 4 })].map((pool) =>
        openPgStore(pool, { idleTransactionTimeoutMs: 300 }),
      ),
    );
    cleanups.push(async () => {
      await Promise.all(stores.map((store) => store.close()));
      await dropSchema(schema.url, schema.schema);
    });
    const [frozen, other] = stores as [PgStore, PgStore];
    await frozen.insertOrganization({ id: ORG_A, name: 'A' });
    let resume!: () => void;
    const stopped = new Promise<void>((resolve) => (resume = resolve));
    const lost = frozen.transaction(ORG_A, async (tx) => {
      await tx.advanceClockOffset(ORG_A, 1_000);
      await stopped; // the replica stops sending anything, its lock held
      return tx.advanceClockOffset(ORG_A, 1_000);
    });
    await delay(50);
    const started = performance.now();
    // The other replica's transaction gets the organization once the server ends the idle one.
    expect(await other.transaction(ORG_A, (tx) => tx.advanceClockOffset(ORG_A, 5))).toBe(5);
    expect(performance.now() - started).toBeLessThan(5_000);
    resume();
    await expect(lost).rejects.toThrow();
    expect(await other.getClockOffsets()).toEqual(new Map([[ORG_A, 5]]));
  });

  it('runs one statement at a time on a transaction, whatever the areas ask at once', async () => {
    const store = await freshStore();
    await seedStoreFixture(store);
    // pg queues a second query on a busy connection with a deprecation warning; pg 9 refuses it.
    const query = pg.Client.prototype.query;
    let running = 0;
    let most = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      running++;
      most = Math.max(most, running);
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      if (result instanceof Promise) return result.finally(() => running--);
      running--;
      return result;
    } as typeof query;
    try {
      await store.transaction(ORG_A, (tx) =>
        Promise.all([
          tx.listAlarms(ORG_A, { state: 'open' }, { page: 1, pageSize: 10 }),
          tx.listExpresswayClusters(ORG_A),
          tx.countUsersByStatus(ORG_A),
          tx.listImpClusters(ORG_A),
        ]),
      );
    } finally {
      pg.Client.prototype.query = query;
    }
    expect(most).toBe(1);
  });

  it('refuses calls on a finished transaction and on a closed store', async () => {
    const store = await freshStore();
    let kept: Store | undefined;
    await store.transaction(ORG_A, async (tx) => {
      kept = tx;
    });
    await expect(kept!.listOrganizations()).rejects.toThrow('already finished');
    await store.close();
    await expect(store.listOrganizations()).rejects.toThrow('closed');
    await expect(store.transaction(ORG_A, async () => undefined)).rejects.toThrow('closed');
  });

  it('records its migrations, and vacuums and analyzes its own tables', async () => {
    const store = await freshStore();
    expect(await store.schemaVersions()).toEqual(PG_MIGRATIONS.map((m) => m.version));
    const analyzed = () =>
      store.pool.query<{ n: number }>(
        `SELECT count(*) AS n FROM pg_stat_user_tables
         WHERE schemaname = current_schema() AND last_analyze IS NOT NULL
           AND last_vacuum IS NOT NULL`,
      );
    expect((await analyzed()).rows[0]!.n).toBe(0);
    await store.optimize();
    const { rows } = await store.pool.query<{ n: number }>(
      'SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()',
    );
    expect((await analyzed()).rows[0]!.n).toBe(rows[0]!.n);
  });

  it('writes a bulk insert of several statements all or nothing, outside a transaction too', async () => {
    const store = await freshStore();
    await seedStoreFixture(store);
    const before = await store.countDirectoryEntries(ORG_A, ['a-imp-1', 'a-imp-2']);
    // 10,001 entries take two statements; the last one's id repeats the first's.
    const entries = Array.from({ length: 10_001 }, (_, i) => ({
      orgId: ORG_A,
      id: `bulk-${i % 10_000}`,
      impClusterId: 'a-imp-1',
      userid: `bulk${i}`,
      jid: `bulk${i}@a.example`,
      mailid: `bulk${i}@a.example`,
      homeImpNodeId: 'a-imp-1-pub',
    }));
    await expect(store.insertDirectoryEntries(entries)).rejects.toThrow('duplicate key');
    expect(await store.countDirectoryEntries(ORG_A, ['a-imp-1', 'a-imp-2'])).toBe(before);
    expect(await store.findDirectoryEntriesByUserid(ORG_A, 'bulk0')).toEqual([]);
    await store.insertDirectoryEntries(entries.slice(0, 10_000));
    expect(await store.countDirectoryEntries(ORG_A, ['a-imp-1', 'a-imp-2'])).toBe(before + 10_000);
  });
});
