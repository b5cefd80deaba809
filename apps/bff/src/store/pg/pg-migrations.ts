import type pg from 'pg';
import { PG_MIGRATIONS } from './migrations/index.ts';
import type { PgMigration } from './migrations/pg-migration.ts';
import { holdConnection } from './pg-pool.ts';

export type { PgMigration } from './migrations/pg-migration.ts';

/**
 * Brings the schema up to date: the migrations not yet recorded in `schema_migrations`, each in
 * its own transaction. Under a session-level advisory lock (keyed by the schema), so replicas
 * started together on an empty database wait for the first one instead of racing it: the
 * second finds every version recorded and applies nothing. Returns the versions it applied.
 */
export async function applyPgMigrations(
  pool: pg.Pool,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<number[]> {
  assertOrdered(migrations);
  const { client, release } = await holdConnection(pool);
  const lockKey = "hashtext('hybrid-hub migrations ' || current_schema())";
  try {
    await client.query(`SELECT pg_advisory_lock(${lockKey})`);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (row) => row.version,
        ),
      );
      const done: number[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${migration.version} (${migration.name}) failed`, {
            cause: error,
          });
        }
        done.push(migration.version);
      }
      return done;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${lockKey})`);
    }
  } finally {
    release();
  }
}

/** The versions recorded, ascending (for tests and diagnostics). */
export async function pgSchemaVersions(pool: pg.Pool): Promise<number[]> {
  const result = await pool.query<{ version: number }>(
    'SELECT version FROM schema_migrations ORDER BY version',
  );
  return result.rows.map((row) => row.version);
}

function assertOrdered(migrations: readonly PgMigration[]): void {
  migrations.forEach((migration, index) => {
    const before = migrations[index - 1];
    if (before && before.version >= migration.version) {
      throw new Error(`PostgreSQL migrations out of order at version ${migration.version}`);
    }
  });
}
