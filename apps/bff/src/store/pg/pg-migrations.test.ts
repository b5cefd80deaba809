import { afterEach, describe, expect, it } from 'vitest';
import { freshPgSchema } from '../../testing/test-postgres.ts';
import { applyPgMigrations, pgSchemaVersions, type PgMigration } from './pg-migrations.ts';

const schemas: { drop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(schemas.splice(0).map((schema) => schema.drop()));
});

const sample: PgMigration[] = [
  { version: 1, name: 'one table', sql: 'CREATE TABLE t (id integer PRIMARY KEY)' },
  { version: 2, name: 'a row', sql: 'INSERT INTO t VALUES (1)' },
];

describe('PostgreSQL migrations', () => {
  it('applies each version once, however many replicas start together', async () => {
    const schema = await freshPgSchema({ max: 4 });
    schemas.push(schema);
    // Three "replicas" at once on an empty schema: one applies, the others find it done.
    const applied = await Promise.all([1, 2, 3].map(() => applyPgMigrations(schema.pool, sample)));
    expect(applied.flat().sort()).toEqual([1, 2]);
    expect(await pgSchemaVersions(schema.pool)).toEqual([1, 2]);
    // Had version 2 run twice, the primary key would have refused the second row.
    expect((await schema.pool.query('SELECT count(*) AS n FROM t')).rows[0]).toEqual({ n: 1 });
  });

  it('rolls a failed migration back whole and names it', async () => {
    const schema = await freshPgSchema();
    schemas.push(schema);
    const broken = [
      ...sample,
      { version: 3, name: 'broken', sql: 'INSERT INTO t VALUES (2); SELEC' },
    ];
    await expect(applyPgMigrations(schema.pool, broken)).rejects.toThrow(
      'PostgreSQL migration 3 (broken) failed',
    );
    expect(await pgSchemaVersions(schema.pool)).toEqual([1, 2]);
    expect((await schema.pool.query('SELECT count(*) AS n FROM t')).rows[0]).toEqual({ n: 1 });
  });

  it('refuses a list out of order', async () => {
    const schema = await freshPgSchema();
    schemas.push(schema);
    await expect(applyPgMigrations(schema.pool, [sample[1]!, sample[0]!])).rejects.toThrow(
      'out of order at version 1',
    );
  });
});
