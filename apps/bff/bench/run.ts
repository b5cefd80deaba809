/**
 * `npm run bench`: the figures the walking-skeleton issue asks for, on a 200,000-user Acme.
 *   1. time to seed 200,000 users (and their directory and history) into a fresh SQLite file;
 *   2. the BFF's resident memory after seeding;
 *   3. the users route under 10 connections — p50/p95/p99 and requests per second — beside a
 *      bare node:http server answering the same bytes precomputed (the machine's limit), in the
 *      same process, so the ratio app/bare is what to compare across machines.
 * Not part of `npm test`. BENCH_USERS and BENCH_SECONDS shrink it for a quick run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEngine, seedDemo, systemClock } from '@hybrid-hub/engine';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { seedDemoAdmins } from '../src/auth/admin-accounts.ts';
import { createBffAuth } from '../src/auth/bff-auth.ts';
import { readConfig } from '../src/config.ts';
import { signIn } from '../src/testing/sign-in.ts';
import { sqliteAuditStore } from '../src/store/sqlite-audit.ts';
import { sqliteIdempotencyKeys } from '../src/store/sqlite-idempotency.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import { load, type LoadResult } from './load.ts';
import { UNLIMITED } from './bff-process.ts';
import { printTable } from './print-table.ts';

const users = Number(process.env.BENCH_USERS ?? 200_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 10;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const gc = (globalThis as { gc?: () => void }).gc;

const directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-bench-'));
const store = openSqliteStore(path.join(directory, 'bench.db'));
try {
  console.log(
    `Hybrid Hub benchmarks — Node ${process.version}, ${users.toLocaleString('en-US')} Acme users\n`,
  );
  const rssBefore = process.memoryUsage().rss;
  const seedStart = performance.now();
  await seedDemo(store, { seed: 42, acmeUsers: users, clock: systemClock });
  await store.optimize();
  const seedSeconds = (performance.now() - seedStart) / 1000;
  gc?.();
  const rssAfter = process.memoryUsage().rss;
  console.log(
    `Seed ${users.toLocaleString('en-US')} users into SQLite: ${seedSeconds.toFixed(1)} s (target ≤ 30 s)`,
  );
  console.log(
    `BFF resident memory: ${mb(rssBefore)} MB before seeding, ${mb(rssAfter)} MB after${gc ? ' (after GC)' : ''}\n`,
  );

  const engine = createEngine({ store, clock: systemClock });
  const logger = pino({ level: 'silent' });
  // The API answers signed-in administrators only: the demo's Full administrator of Acme.
  const auth = createBffAuth(store, readConfig(UNLIMITED), { clock: systemClock, logger });
  await seedDemoAdmins(auth.store, store, systemClock);
  const app = createApp({
    engine,
    logger,
    auth: auth.app,
    audit: { store: sqliteAuditStore(store), accounts: auth.store, clock: systemClock },
    idempotency: { keys: sqliteIdempotencyKeys(store), clock: systemClock },
  });
  const appServer = await listen(app.listen(0, '127.0.0.1'));
  const appUrl = `http://127.0.0.1:${port(appServer)}`;
  const { headers } = await signIn(appUrl, 'admin@acme.example');

  const active = (await engine.listUsers('acme', query({ status: 'Active' }))).total;
  const last = Math.ceil(active / 50);
  // Just before the middle is the worst case for OFFSET: past it, pages are read from the end.
  const deep = Math.max(2, Math.floor(last / 2));
  const beforeDeep = await engine.listUsers('acme', query({ status: 'Active', page: deep - 1 }));
  const scenarios: [string, string][] = [
    [
      'filtered, sorted page 3',
      '/api/v1/users?status=Active&sort=-lastActivity&page=3&pageSize=50',
    ],
    ['search "mar", by name', '/api/v1/users?q=mar&sort=name&pageSize=50'],
    [
      'search a whole email',
      `/api/v1/users?q=${encodeURIComponent(beforeDeep.items[7]!.email)}&pageSize=50`,
    ],
    [
      `last page ${last} by number`,
      `/api/v1/users?status=Active&sort=-lastActivity&page=${last}&pageSize=50`,
    ],
    [
      `deep page ${deep} by OFFSET`,
      `/api/v1/users?status=Active&sort=-lastActivity&page=${deep}&pageSize=50`,
    ],
    [
      `deep page ${deep} by cursor`,
      `/api/v1/users?status=Active&sort=-lastActivity&page=${deep}&pageSize=50&cursor=${beforeDeep.nextCursor}`,
    ],
  ];

  const rows: string[][] = [];
  for (const [name, route] of scenarios) {
    const response = await fetch(appUrl + route, { headers });
    if (!response.ok) throw new Error(`${route} answered ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const bare = await listen(
      createServer((_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': bytes.length,
        });
        res.end(bytes);
      }).listen(0, '127.0.0.1'),
    );
    const bareUrl = `http://127.0.0.1:${port(bare)}${route}`;
    await load(appUrl + route, { connections, seconds: 2, headers }); // warm-up: JIT, page cache
    const appResult = await load(appUrl + route, { connections, seconds, headers });
    await load(bareUrl, { connections, seconds: 2 });
    const bareResult = await load(bareUrl, { connections, seconds });
    await close(bare);
    rows.push(row(`${name} (${(bytes.length / 1024).toFixed(1)} kB)`, appResult, bareResult));
  }
  await close(appServer);

  console.log(
    `GET /api/v1/users, ${connections} connections, ${seconds} s each (load generator in the same process)`,
  );
  printTable(
    ['scenario', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'bare req/s', 'app/bare', 'errors'],
    rows,
  );
  console.log(
    '\nTargets: p95 ≤ 20 ms on the filtered page; app ≥ 40 % of the bare server’s req/s.',
  );
} finally {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
}

function query(overrides: Partial<{ status: 'Active'; page: number }>) {
  return { sort: '-lastActivity', page: 1, pageSize: 50, ...overrides };
}

function row(name: string, app: LoadResult, bare: LoadResult): string[] {
  return [
    name,
    app.p50.toFixed(1),
    app.p95.toFixed(1),
    app.p99.toFixed(1),
    app.requestsPerSecond.toFixed(0),
    bare.requestsPerSecond.toFixed(0),
    `${((100 * app.requestsPerSecond) / bare.requestsPerSecond).toFixed(0)} %`,
    String(app.errors + app.non2xx),
  ];
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

function port(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
