import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPgSchema } from '../../testing/test-postgres.ts';
import { quoteIdentifier } from './pg-pool.ts';
import { startPgLeadership, type PgLeadership } from './pg-leadership.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A schema of its own and `count` replicas contending for one lock in it. */
async function replicas(count: number) {
  const schema = await freshPgSchema();
  cleanups.push(() => schema.drop());
  const changes: { replica: number; leading: boolean; at: number }[] = [];
  const start = (replica: number) => {
    const leadership = startPgLeadership({
      connectionString: schema.url,
      schema: schema.schema,
      name: 'timed work',
      heartbeatMs: 100,
      staleAfterMs: 600,
      retryMs: 100,
      onChange: (leading) => changes.push({ replica, leading, at: performance.now() }),
    });
    cleanups.push(() => leadership.close());
    return leadership;
  };
  const all = Array.from({ length: count }, (_, replica) => start(replica));
  return { schema, all, changes, start };
}

const leaders = (all: PgLeadership[]) => all.filter((leadership) => leadership.leading);

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - started;
}

/** A connection that takes the lock as a leader would, then never speaks again (frozen). */
async function frozenHolder(url: string, schema: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    options: `-c search_path=${quoteIdentifier(schema)}`,
  });
  client.on('error', () => {});
  await client.connect();
  const { rows } = await client.query<{ got: boolean }>(
    `SELECT pg_try_advisory_lock(hashtext('hybrid-hub ' || current_schema()) & 2147483647,
                                 hashtext('timed work') & 2147483647) AS got`,
  );
  expect(rows[0]!.got).toBe(true);
  return client;
}

describe('leadership of the timed work (PostgreSQL advisory lock)', () => {
  it('has exactly one leader among three replicas, at every moment', async () => {
    const { all } = await replicas(3);
    await until(() => leaders(all).length === 1);
    for (let sample = 0; sample < 40; sample++) {
      expect(leaders(all).length).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });

  it('hands over within 2 s when the leader stops, and at once when it closes', async () => {
    const { all } = await replicas(2);
    await until(() => leaders(all).length === 1);
    const [leader] = leaders(all);
    await leader!.close();
    expect(await until(() => leaders(all).length === 1)).toBeLessThan(2_000);
    expect(leaders(all)[0]).not.toBe(leader);
  });

  it('takes over from a leader whose connection the database ended', async () => {
    const { schema, all } = await replicas(2);
    await until(() => leaders(all).length === 1);
    const [leader] = leaders(all);
    await schema.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid IN (
         SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2)`,
      ['hybrid-hub leader:timed work'],
    );
    await until(() => !leader!.leading);
    expect(await until(() => leaders(all).length === 1)).toBeLessThan(2_000);
  });

  it('ends the connection of a frozen leader and takes over within 2 s', async () => {
    const schema = await freshPgSchema();
    cleanups.push(() => schema.drop());
    const frozen = await frozenHolder(schema.url, schema.schema);
    cleanups.push(() => frozen.end().catch(() => {}));
    let leading = false;
    const started = performance.now();
    const follower = startPgLeadership({
      connectionString: schema.url,
      schema: schema.schema,
      name: 'timed work',
      staleAfterMs: 1_000,
      onChange: (next) => {
        leading = next;
      },
    });
    cleanups.push(() => follower.close());
    // Not while the holder is still within its heartbeat allowance…
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(leading).toBe(false);
    // …but once it has been silent past it.
    await until(() => leading);
    expect(performance.now() - started).toBeLessThan(2_500);
    await expect(frozen.query('SELECT 1')).rejects.toThrow();
  });
});
