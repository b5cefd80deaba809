import { afterAll, describe, expect, it } from 'vitest';
import { freshPgSchema } from '../testing/test-postgres.ts';
import { openBffStores } from './bff-stores.ts';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(drops.map((drop) => drop()));
});

const settings = (url: string, schema: string) => ({
  HUB_DATA_DIR: '/nonexistent',
  HUB_DATABASE_URL: url,
  HUB_DATABASE_POOL_MAX: 2,
  HUB_DATABASE_SCHEMA: schema,
});

describe('openBffStores on PostgreSQL', () => {
  it('migrates the schema named, and closes its pool', async () => {
    const schema = await freshPgSchema({ max: 1 });
    drops.push(schema.drop);
    const stores = await openBffStores(settings(schema.url, schema.schema), () => {});
    expect(stores.sqlite).toBeUndefined();
    expect(await stores.auth.countAdmins()).toBe(0);
    await stores.close();
    // The BFF's tables shared the store's pool, ended with it.
    await expect(stores.auth.countAdmins()).rejects.toThrow();
    const { rows } = await schema.pool.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toContain(3);
  });

  it('refuses a schema that does not exist, naming the setting', async () => {
    const schema = await freshPgSchema({ max: 1 });
    drops.push(schema.drop);
    await expect(
      openBffStores(settings(schema.url, `${schema.schema}_typo`), () => {}),
    ).rejects.toThrow(/HUB_DATABASE_SCHEMA: there is no schema test_\w+_typo/);
  });

  it('outlives the loss of the connection that holds the seed lock', async () => {
    const schema = await freshPgSchema({ max: 1 });
    drops.push(schema.drop);
    const stores = await openBffStores(settings(schema.url, schema.schema), () => {});
    try {
      // While the seed runs, its lock's connection is idle: ended then (a restart, an operator),
      // it reports an 'error' event that, unheard, would end the process (Vitest fails the run).
      const result = await stores.exclusively(async () => {
        await schema.pool.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks
           WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
             AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())
             AND objid = (hashtext('hybrid-hub seed ' || $1) & 4294967295)::bigint::oid`,
          [schema.schema],
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        return 'seeded';
      });
      expect(result).toBe('seeded');
      // The pool still serves: the lost connection was dropped, not returned.
      expect(await stores.auth.countAdmins()).toBe(0);
    } finally {
      await stores.close();
    }
  });
});
