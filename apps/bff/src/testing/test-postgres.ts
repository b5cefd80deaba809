import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { inject } from 'vitest';
import { openPgPool, quoteIdentifier, type PgPoolOptions } from '../store/pg/pg-pool.ts';

/** The run's PostgreSQL server (postgres-global-setup.ts). */
export function testPostgresUrl(): string {
  return inject('postgresUrl');
}

/**
 * A pool on a new, empty schema of the test server: each store of a test gets a database of its
 * own in all but name (tables, sequences, advisory-lock keys are per schema), at the cost of a
 * CREATE SCHEMA instead of a CREATE DATABASE. `drop()` closes the pool and removes the schema.
 */
export async function freshPgSchema(
  options: Omit<PgPoolOptions, 'schema'> = {},
): Promise<{ pool: pg.Pool; schema: string; url: string; drop(): Promise<void> }> {
  const url = testPostgresUrl();
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = openPgPool(url, { max: 1 });
  try {
    await admin.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
  } finally {
    await admin.end();
  }
  const pool = openPgPool(url, { ...options, schema });
  return {
    pool,
    schema,
    url,
    async drop() {
      await pool.end();
      const cleanup = openPgPool(url, { max: 1 });
      try {
        await cleanup.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
