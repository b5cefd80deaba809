import type pg from 'pg';
import { freshPgSchema } from '../../../testing/test-postgres.ts';
import { BFF_TABLES_MIGRATIONS } from '../migrations/bff-tables.ts';
import { applyPgMigrations } from '../pg-migrations.ts';
import { openPgPool } from '../pg-pool.ts';

/**
 * For tests: a new schema of the test server holding the BFF's tables (their migrations only,
 * so these tests stand apart from the engine's), and `replica()`, another pool on the same
 * schema, as a second BFF process would have. `drop()` ends every pool and removes the schema.
 */
export async function freshBffTables(): Promise<{
  pool: pg.Pool;
  replica(): pg.Pool;
  drop(): Promise<void>;
}> {
  const schema = await freshPgSchema({ max: 4 });
  await applyPgMigrations(schema.pool, BFF_TABLES_MIGRATIONS);
  const replicas: pg.Pool[] = [];
  return {
    pool: schema.pool,
    replica() {
      const pool = openPgPool(schema.url, { max: 4, schema: schema.schema });
      replicas.push(pool);
      return pool;
    },
    async drop() {
      await Promise.all(replicas.map((pool) => pool.end()));
      await schema.drop();
    },
  };
}
