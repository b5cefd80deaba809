import { describe, expect, it } from 'vitest';
import { freshPgSchema } from '../../testing/test-postgres.ts';
import { openPgPool } from './pg-pool.ts';
import { isDatabaseUnavailable } from './pg-unavailable.ts';

describe('a database that cannot serve now, told from a bug', () => {
  it('knows a refused connection and a pool with no connection in time', async () => {
    const nowhere = openPgPool('postgres://postgres:x@127.0.0.1:1/postgres', {
      connectionTimeoutMs: 500,
    });
    const error = await nowhere.query('SELECT 1').catch((e: unknown) => e);
    await nowhere.end();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('knows a statement past its timeout and a connection ended by the server', async () => {
    const schema = await freshPgSchema({ statementTimeoutMs: 100 });
    try {
      const slow = await schema.pool.query('SELECT pg_sleep(1)').catch((e: unknown) => e);
      expect(isDatabaseUnavailable(slow)).toBe(true);
      const client = await schema.pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      client.on('error', () => {});
      await schema.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      const ended = await client.query('SELECT 1').catch((e: unknown) => e);
      client.release(true);
      expect(isDatabaseUnavailable(ended)).toBe(true);
    } finally {
      await schema.drop();
    }
  });

  it('does not take a mistake for an outage', async () => {
    const schema = await freshPgSchema();
    try {
      const wrong = await schema.pool.query('SELECT * FROM no_such_table').catch((e: unknown) => e);
      expect(isDatabaseUnavailable(wrong)).toBe(false);
      const duplicate = await schema.pool
        .query('CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (1)')
        .catch((e: unknown) => e);
      expect(isDatabaseUnavailable(duplicate)).toBe(false);
      expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    } finally {
      await schema.drop();
    }
  });
});
