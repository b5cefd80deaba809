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
});
