import { afterEach, describe, expect, it } from 'vitest';
import { freshPgSchema } from '../testing/test-postgres.ts';
import { listenForPgEvents } from './pg-event-listener.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A listener on a channel of its own (tests share the server), and what it heard. */
async function listener() {
  const schema = await freshPgSchema({ max: 3 });
  cleanups.push(() => schema.drop());
  const channel = `events_${schema.schema}`;
  const heard: string[] = [];
  let reconnects = 0;
  const listening = listenForPgEvents({
    connectionString: schema.url,
    channel,
    applicationName: `events ${schema.schema}`,
    reconnectMs: 50,
    onEvents: (orgIds) => heard.push(...orgIds),
    onReconnect: () => reconnects++,
  });
  cleanups.push(() => listening.close());
  await listening.ready;
  return { pool: schema.pool, schema: schema.schema, channel, heard, reconnects: () => reconnects };
}

describe('event notifications between replicas (LISTEN/NOTIFY)', () => {
  it('hears a commit only once it is committed, and never a rolled-back one', async () => {
    const { pool, channel, heard } = await listener();
    const writer = await pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query('SELECT pg_notify($1, $2)', [channel, 'acme']);
      await writer.query('SELECT pg_notify($1, $2)', [channel, 'acme']);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).toEqual([]); // not before the commit
      await writer.query('COMMIT');
      await until(() => heard.length > 0);
      await writer.query('BEGIN');
      await writer.query('SELECT pg_notify($1, $2)', [channel, 'globex']);
      await writer.query('ROLLBACK');
    } finally {
      writer.release();
    }
    await pool.query('SELECT pg_notify($1, $2)', [channel, 'initech']);
    await until(() => heard.includes('initech'));
    // The two of one transaction folded into one; the rolled-back one never came.
    expect(heard).toEqual(['acme', 'initech']);
  });

  it('listens again after its connection is lost, and says so', async () => {
    const { pool, schema, channel, heard, reconnects } = await listener();
    await pool.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [`events ${schema}`],
    );
    await until(() => reconnects() === 1);
    await pool.query('SELECT pg_notify($1, $2)', [channel, 'acme']);
    await until(() => heard.includes('acme'));
  });
});
