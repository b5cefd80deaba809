/**
 * `npm run start:cluster`: the console as a real deployment runs it, on one machine — PostgreSQL,
 * HUB_REPLICAS BFF replicas (3 by default) and HAProxy in front — and prints the one URL.
 *
 * - PostgreSQL: HUB_DATABASE_URL when set, else the server from npm in `<HUB_DATA_DIR>/postgres`.
 * - Replicas: the build's server.js on the ports after PORT (3001, 3002, …), trusting HAProxy's
 *   X-Forwarded-For from loopback. One that exits is started again after a second; HAProxy sends
 *   its requests to the others meanwhile. One of them leads the timed work (the others take over
 *   within 2 s if it dies).
 * - HAProxy (Debian's `haproxy`, or HAPROXY=path) on PORT (3000), its stats on PORT + 100.
 *
 * Ctrl-C stops HAProxy, then the replicas, then PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ADMINS, DEMO_PASSWORD } from '@hybrid-hub/engine';
import { readConfig } from '../config.ts';
import { haproxyConfig } from '../cluster/haproxy-config.ts';
import { findHaproxy, HAPROXY_INSTALL_HINT, startHaproxy } from '../cluster/haproxy.ts';
import { startLocalPostgres, type LocalPostgres } from '../cluster/local-postgres.ts';

const serverScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.js');
const config = readConfig();
const replicaCount = Number(process.env.HUB_REPLICAS ?? 3);
if (!Number.isInteger(replicaCount) || replicaCount < 1 || replicaCount > 16) {
  console.error('HUB_REPLICAS must be a whole number from 1 to 16.');
  process.exit(1);
}
if (!findHaproxy()) {
  console.error(HAPROXY_INSTALL_HINT);
  process.exit(1);
}

let stopping = false;
let postgres: LocalPostgres | undefined;
const replicas = new Map<string, ChildProcess>();
let stopHaproxy: (() => Promise<void>) | undefined;

const say = (line: string) => process.stdout.write(`${line}\n`);
/** The URL with its password hidden, for the banner. */
const redacted = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

async function main() {
  const database =
    config.HUB_DATABASE_URL ?? (postgres = await startLocalPostgres(config.HUB_DATA_DIR)).url;
  const ports = Array.from({ length: replicaCount }, (_, i) => config.PORT + 1 + i);
  // One replica first: it migrates and seeds an empty database (the others would wait for it
  // under the advisory locks anyway, but their health checks would time out meanwhile).
  await startReplica('replica-1', ports[0]!, database);
  await Promise.all(
    ports.slice(1).map((port, i) => startReplica(`replica-${i + 2}`, port, database)),
  );

  const haproxy = await startHaproxy(
    haproxyConfig({
      host: config.HOST,
      port: config.PORT,
      replicas: ports.map((port, i) => ({ name: `replica-${i + 1}`, host: '127.0.0.1', port })),
      statsPort: config.PORT + 100,
    }),
    config.PORT,
  );
  stopHaproxy = haproxy.stop;
  haproxy.process.once('exit', () => {
    if (!stopping) {
      console.error('HAProxy stopped: stopping the cluster.');
      void stop(1);
    }
  });

  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  say('');
  say(`  Hybrid Hub cluster is running at ${url}`);
  say(
    `  HAProxy → ${replicaCount} replicas (ports ${ports.join(', ')}) → PostgreSQL ${redacted(database)}`,
  );
  say(`  HAProxy's stats: http://127.0.0.1:${config.PORT + 100}/`);
  if (config.HUB_DEMO) {
    say(`  Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const admin of DEMO_ADMINS) say(`    ${admin.email}`);
  }
  say('  Ctrl-C stops it.');
  say('');
}

async function startReplica(name: string, port: number, database: string): Promise<void> {
  const child = spawn(process.execPath, [serverScript], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      HUB_DATABASE_URL: database,
      HUB_TRUST_PROXY: 'loopback',
      // Their banners would repeat ours; their log lines are prefixed with their name.
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  replicas.set(name, child);
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        // Only log lines (JSON); the banner (plain lines) is the cluster's to print.
        if (line.startsWith('{')) process.stderr.write(`[${name}] ${line}\n`);
      }
    });
  }
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[${name}] exited (${code ?? signal}); starting it again in a second`);
    setTimeout(() => void startReplica(name, port, database).catch(() => {}), 1_000);
  });
  for (const started = performance.now(); ;) {
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    if (child.exitCode !== null) throw new Error(`${name} exited before it answered`);
    if (performance.now() - started > 180_000)
      throw new Error(`${name} did not answer in 3 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stopHaproxy?.();
  await Promise.all(
    [...replicas.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await postgres?.stop();
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
});
