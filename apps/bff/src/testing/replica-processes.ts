import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { startEmbeddedPostgres } from '../cluster/embedded-postgres-server.ts';
import { openPgPool } from '../store/pg/pg-pool.ts';
import { freePort, startBffProcess, stopBffProcess } from './bff-process.ts';

export interface OwnPostgres {
  url: string;
  /** A pool for the test's own queries (2 connections), reconnecting after a restart. */
  pool: pg.Pool;
  /** Stops the server (fast shutdown: transactions aborted, connections ended) and starts it again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of a test's own, not the run's shared one (postgres-global-setup.ts): a
 * test that restarts the server must not take every other test's database down with it. Its
 * data directory is temporary and removed by `stop()`.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const databaseDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-chaos-pg-'));
  // Kept across stop(): a restart must find its data.
  const server = await startEmbeddedPostgres({
    databaseDir,
    password: 'hybrid-hub-chaos',
    persistent: true,
  });
  const pool = openPgPool(server.url, { max: 2, applicationName: 'hybrid-hub chaos test' });
  return {
    url: server.url,
    pool,
    async restart() {
      await server.stop();
      await server.start();
    },
    async stop() {
      await pool.end().catch(() => {});
      await server.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

export interface ReplicaProcess {
  port: number;
  url: string;
  child: ChildProcess;
}

/**
 * BFF replicas as real processes on one database, so that a test can `kill -9` or `SIGSTOP`
 * one. The first starts alone (it migrates and seeds, which may take a while), the others
 * then start together and find the database ready.
 */
export async function startReplicaProcesses(
  databaseUrl: string,
  count: number,
  env: Record<string, string>,
): Promise<{
  replicas: ReplicaProcess[];
  /** Starts a replica again on its port (after a kill). */
  restart(replica: ReplicaProcess): Promise<void>;
  stop(): Promise<void>;
}> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-chaos-bff-'));
  const start = async (port: number) =>
    startBffProcess({ port, dataDir, env: { HUB_DATABASE_URL: databaseUrl, ...env } });
  const replicas: ReplicaProcess[] = [];
  const stopAll = async () => {
    for (const replica of replicas) {
      // A stopped process never hears SIGTERM.
      replica.child.kill('SIGCONT');
      await stopBffProcess(replica.child);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const replica = async () => {
      const port = await freePort();
      replicas.push({ port, url: `http://127.0.0.1:${port}`, child: await start(port) });
    };
    await replica();
    await Promise.all(Array.from({ length: count - 1 }, replica));
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    replicas,
    async restart(replica) {
      replica.child = await start(replica.port);
    },
    stop: stopAll,
  };
}

/**
 * The replicas holding the timed work's lock, by port, with their leadership connection's pid:
 * pg-leadership.ts names its connection `hybrid-hub leader:timed work on <host>:<port>`, and only
 * the leader's holds the advisory lock. More than one entry would be a split brain.
 */
export async function timedWorkLeaders(sql: pg.Pool): Promise<{ port: number; pid: number }[]> {
  const { rows } = await sql.query<{ name: string; pid: number }>(
    `SELECT a.application_name AS name, a.pid FROM pg_locks l
       JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted
        AND a.application_name LIKE 'hybrid-hub leader:timed work on %'`,
  );
  return rows.map(({ name, pid }) => ({ port: Number(/:(\d+)$/.exec(name)?.[1]), pid }));
}
