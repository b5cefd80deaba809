/**
 * `npm run bench` (last part, issue 14 #5): PostgreSQL beside SQLite in the same run, real BFF
 * processes (src/server.ts) on a 200,000-user Acme behind HAProxy:
 *   1. seed time: a BFF started on an empty SQLite file, and the first replica on an empty
 *      PostgreSQL database (migrations, the demo, ANALYZE);
 *   2. the users page (Active by last activity, page 3) and a whole-email search, 10 connections
 *      through HAProxy — p95 and requests per second: SQLite (one BFF), PostgreSQL with 1 replica
 *      and with 3;
 *   3. a bulk activation of BENCH_JOB_USERS (100,000) users until none is Pending (target ≤ 10 s),
 *      then the users page's p95 while the same job runs again (activation.ts's way, via the API):
 *      through HAProxy on 3 replicas for PostgreSQL, straight to the one BFF for SQLite;
 *   4. PostgreSQL only: failover of the leader — during a bulk activation, `kill -9` of the
 *      replica that leads the timed work (found through pg_stat_activity, find-leader.ts), and the
 *      time until another replica holds the leadership and until the job's users are evaluated
 *      again; meanwhile 2 connections read the users page through HAProxy (its errors).
 *
 * Cores (2 here): this process (autocannon, set-up, polling) and HAProxy on core 0; the BFF under
 * test and PostgreSQL (embedded) on core 1 — so SQLite's BFF and PostgreSQL's replica + database
 * get the same one core, and 3 replicas share it with the database (they cannot add CPU here:
 * what the 3-replica rows show is what sharing costs, not a cluster's throughput).
 *
 * PostgreSQL: a fresh embedded server (bench-postgres.ts), or HUB_BENCH_DATABASE_URL (a new
 * schema in it, dropped afterwards). Without `haproxy` the rows through it are skipped and the
 * rest runs against the replicas directly. BENCH_USERS, BENCH_JOB_USERS and BENCH_SECONDS shrink
 * it; BENCH_SQLITE=0 skips the SQLite side, BENCH_FAILOVER=0 the failover; BENCH_CPU_PROF=<dir>
 * writes the PostgreSQL replicas' CPU profiles there (those stopped normally: with the failover,
 * not the killed leader's, which ran the jobs); BENCH_EXPLAIN=1 prints
 * EXPLAIN ANALYZE of the users list's statements for each scenario on PostgreSQL.
 *
 * Beside each page and search figure: the CPU time a request cost the BFF process(es) and the
 * PostgreSQL server (from /proc, embedded server only), so that what limits it is in the table.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { UserQuery } from '@hybrid-hub/engine';
import { HAPROXY_INSTALL_HINT } from '../src/cluster/haproxy.ts';
import { openSqliteStore } from '../src/store/engine-store/sqlite-store.ts';
import { openPgStore, type PgStore } from '../src/store/pg/engine-store/pg-store.ts';
import { PgUsers } from '../src/store/pg/engine-store/pg-users.ts';
import { openPgPool } from '../src/store/pg/pg-pool.ts';
import { freePort, stopBffProcess } from '../src/testing/bff-process.ts';
import { signIn } from '../src/testing/sign-in.ts';
import { startBenchPostgres, type BenchPostgres } from './bench-postgres.ts';
import { startBffProcess } from './bff-process.ts';
import {
  startBulkActivation,
  timedBulkActivation,
  untilDone,
  untilQuiet,
} from './bulk-activation.ts';
import { pinLoadGenerator } from './cpu-pinning.ts';
import { cpuSeconds } from './cpu-time.ts';
import { backendsOf, findLeader } from './find-leader.ts';
import { haproxyAvailable, startFront, type Front } from './haproxy-front.ts';
import { load, type LoadResult } from './load.ts';
import { printTable } from './print-table.ts';
import { switchOff, switchOffForJob } from './switch-off.ts';

const users = Number(process.env.BENCH_USERS ?? 200_000);
const jobUsers = Number(process.env.BENCH_JOB_USERS ?? Math.min(100_000, Math.floor(users / 2)));
const failoverUsers = Math.min(20_000, jobUsers);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const withSqlite = process.env.BENCH_SQLITE !== '0';
const withFailover = process.env.BENCH_FAILOVER !== '0';
const cpuProfileDir = process.env.BENCH_CPU_PROF;
const explain = process.env.BENCH_EXPLAIN === '1';
const connections = 10;
const fmt = (n: number) => n.toLocaleString('en-US');
const load1 = () => loadavg()[0]!.toFixed(2);
const PAGE = '/api/v1/users?status=Active&sort=-lastActivity&pageSize=50&page=3';

type Column = 'sqlite' | 'pg1' | 'pg3';
const COLUMNS: Column[] = ['sqlite', 'pg1', 'pg3'];
/** The table: per figure, a cell per column and the load averages when they were measured. */
const figures = new Map<string, { cells: Partial<Record<Column, string>>; loads: string[] }>();
const note = (figure: string, column: Column, value: string) => {
  const row = figures.get(figure) ?? { cells: {}, loads: [] };
  row.cells[column] = value;
  row.loads.push(load1());
  figures.set(figure, row);
};

const cores = pinLoadGenerator();
const withHaproxy = haproxyAvailable();
const directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-bench-pg-side-'));
const children: ChildProcess[] = [];
/** The PostgreSQL replicas running, by port. */
const replicas = new Map<number, ChildProcess>();
const fronts: Front[] = [];
let postgres: BenchPostgres | undefined;
let benchStore: PgStore | undefined;
try {
  console.log(
    `\nPostgreSQL beside SQLite — real BFF processes, ${fmt(users)} Acme users, jobs of ${fmt(jobUsers)}`,
  );
  console.log(
    cores.server === undefined
      ? `Cores: ${cores.description}.`
      : `Cores: this process (autocannon, set-up, polling) and HAProxy on core 0; the BFF under test ` +
          `(SQLite), or the PostgreSQL replicas (1, then 3 sharing it) and PostgreSQL itself, on core ${cores.server}.`,
  );
  console.log(`Load average at start: ${load1()}`);
  if (!withHaproxy) console.log(`${HAPROXY_INSTALL_HINT}\nSkipping the rows through HAProxy.`);
  console.log('');

  if (withSqlite) await sqliteSide();
  await postgresSide();

  console.log(
    `\nPostgreSQL beside SQLite, ${fmt(users)} users; pages and searches: ${connections} connections, ${seconds} s each, through HAProxy`,
  );
  printTable(
    ['figure', 'SQLite, 1 BFF', 'PostgreSQL, 1 replica', 'PostgreSQL, 3 replicas', 'load avg'],
    [...figures].map(([figure, { cells, loads }]) => [
      figure,
      ...COLUMNS.map((column) => cells[column] ?? '—'),
      loads.join(' '),
    ]),
  );
  console.log(
    '\nTargets: bulk activation ≤ 10 s; users page p95 ≤ 10 ms quiet and ≤ 50 ms during the job; a whole email ≤ 5 ms; another leader within 2 s.',
  );
} finally {
  for (const front of fronts) await front.stop();
  for (const child of children) await stopBffProcess(child);
  await benchStore?.close();
  await postgres?.stop();
  rmSync(directory, { recursive: true, force: true });
  if (cpuProfileDir) console.log(`\nCPU profiles of the PostgreSQL replicas in ${cpuProfileDir}`);
}

/** One BFF on SQLite, behind HAProxy as the replicas are: the figures to compare with. */
async function sqliteSide(): Promise<void> {
  const dataDir = path.join(directory, 'sqlite');
  const port = await freePort();
  const startedAt = performance.now();
  const bff = await startBffProcess({
    port,
    dataDir,
    env: { HUB_DEMO_USERS: String(users) },
    cpu: cores.server,
  });
  children.push(bff);
  const seedSeconds = since(startedAt);
  note(`start seeding ${fmt(users)} users (s)`, 'sqlite', seedSeconds.toFixed(1));
  console.log(`SQLite: a BFF started seeding ${fmt(users)} users in ${seedSeconds.toFixed(1)} s`);

  const base = await front([port]);
  const direct = `http://127.0.0.1:${port}`;
  const { headers } = await signIn(direct, 'admin@acme.example');
  await untilQuiet(direct, headers);
  if (base) await routes('sqlite', base, headers);

  const store = openSqliteStore(path.join(dataDir, 'hybrid-hub.db'));
  const settle = () =>
    // The set-up's writes go into the database file now, not during the job it times.
    store.useConnection((db) => db.pragma('wal_checkpoint(TRUNCATE)'));
  try {
    // The job straight to the BFF, as activation.ts does and as SQLite is deployed (one process,
    // no HAProxy): its 20,000-user batches hold the event loop for seconds, HAProxy's health
    // checks time out, and it takes the only server out (every request a 503 until it is back).
    await job('sqlite', direct, headers, store, settle);
  } finally {
    await store.close();
  }
  for (const each of fronts.splice(0)) await each.stop();
  await stopBffProcess(children.pop());
}

async function postgresSide(): Promise<void> {
  postgres = await startBenchPostgres(cores.server);
  console.log(`\nPostgreSQL: ${postgres.description}`);
  const ports = [await freePort(), await freePort(), await freePort()];
  const startedAt = performance.now();
  await startReplica(ports[0]!);
  const seedSeconds = since(startedAt);
  note(`start seeding ${fmt(users)} users (s)`, 'pg1', seedSeconds.toFixed(1));
  console.log(
    `PostgreSQL: the first replica started on an empty database seeding ${fmt(users)} users in ${seedSeconds.toFixed(1)} s`,
  );
  const direct = `http://127.0.0.1:${ports[0]}`;
  const { headers } = await signIn(direct, 'admin@acme.example');
  await untilQuiet(direct, headers);
  const one = await front(ports.slice(0, 1));
  if (one) await routes('pg1', one, headers);
  for (const each of fronts.splice(0)) await each.stop();

  await Promise.all(ports.slice(1).map((port) => startReplica(port)));
  const three = await front(ports);
  if (three) await routes('pg3', three, headers);

  const pool = openPgPool(postgres.url, {
    max: 4,
    schema: postgres.schema,
    statementTimeoutMs: 600_000,
  });
  benchStore = await openPgStore(pool);
  // The set-up's row versions are vacuumed now (as SQLite's are checkpointed), not by autovacuum
  // during the job it times.
  const settle = async () => void (await pool.query('VACUUM (ANALYZE) users'));
  await job('pg3', three ?? direct, headers, benchStore, settle);
  if (withFailover) await failover(three, headers, benchStore, settle);
}

/** A PostgreSQL replica (src/server.ts with HUB_DATABASE_URL) on the database under test. */
async function startReplica(port: number): Promise<void> {
  const child = await startBffProcess({
    port,
    dataDir: path.join(directory, `replica-${port}`),
    env: {
      HUB_DATABASE_URL: postgres!.url,
      ...(postgres!.schema ? { HUB_DATABASE_SCHEMA: postgres!.schema } : {}),
      HUB_DEMO_USERS: String(users),
      HUB_TRUST_PROXY: 'loopback',
    },
    nodeArgs: cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [],
    cpu: cores.server,
  });
  children.push(child);
  replicas.set(port, child);
}

/** HAProxy in front of `ports` (on the load generator's core), or undefined without HAProxy. */
async function front(ports: readonly number[]): Promise<string | undefined> {
  if (!withHaproxy) return undefined;
  const started = await startFront(ports, cores.server === undefined ? undefined : '0');
  fronts.push(started);
  return started.url;
}

/** The users page and a whole-email search under load: p95 and requests per second. */
async function routes(column: Column, base: string, headers: Record<string, string>) {
  const pageBody = await getJson<{ items: { email: string }[] }>(base + PAGE, headers);
  const email = pageBody.items[7]!.email;
  const scenarios: [string, string, UserQuery][] = [
    [
      'users page (Active by last activity, page 3)',
      PAGE,
      {
        status: 'Active',
        sort: { field: 'lastActivity', direction: 'desc' },
        page: 3,
        pageSize: 50,
      },
    ],
    [
      'search a whole email',
      `/api/v1/users?q=${encodeURIComponent(email)}&pageSize=50`,
      { q: email, sort: { field: 'name', direction: 'asc' }, page: 1, pageSize: 50 },
    ],
  ];
  for (const [name, route, query] of scenarios) {
    await load(base + route, { connections, seconds: 2, headers }); // warm-up: JIT, caches
    const [bffs, database] = serverProcesses(column);
    const cpuBefore = [cpuSeconds(bffs), cpuSeconds(database)];
    const result = await load(base + route, { connections, seconds, headers });
    // CPU a request cost the BFF(s) and PostgreSQL (ms): which of them the core's time went to.
    const [bff, db] = [cpuSeconds(bffs), cpuSeconds(database)].map(
      (after, i) => ((after - cpuBefore[i]!) * 1000) / Math.max(1, result.requests),
    );
    note(`${name}: p95 ms`, column, cell(result.p95.toFixed(1), result));
    note(`${name}: req/s`, column, result.requestsPerSecond.toFixed(0));
    note(
      `${name}: CPU ms a request, BFF + PostgreSQL`,
      column,
      `${bff!.toFixed(2)} + ${database.length ? db!.toFixed(2) : '—'}`,
    );
    console.log(`  ${column} ${name}: ${describe(result)}`);
    if (explain && column === 'pg1') await explainOnPostgres(name, query);
  }
}

/** The processes serving `column`: the BFF(s), and PostgreSQL's when it runs here (else none). */
function serverProcesses(column: Column): [number[], number[]] {
  if (column === 'sqlite') return [[children[0]!.pid!], []];
  return [[...replicas.values()].map((child) => child.pid!), postgres?.processes() ?? []];
}

/** EXPLAIN ANALYZE of the statements the users list runs for `query` (BENCH_EXPLAIN=1). */
async function explainOnPostgres(name: string, query: UserQuery) {
  const pool = openPgPool(postgres!.url, { max: 1, schema: postgres!.schema });
  try {
    const plans = await new PgUsers(pool).explainListUsers('acme', query, true);
    console.log(`    EXPLAIN ANALYZE, ${name}:\n${plans.join('\n--\n').replace(/^/gm, '      ')}`);
  } finally {
    await pool.end();
  }
}

/**
 * The bulk activation of `jobUsers` users until none is Pending, on a quiet server, then again
 * while 10 connections read the users page for as long as the quiet job took.
 */
async function job(
  column: Column,
  base: string,
  headers: Record<string, string>,
  store: Parameters<typeof switchOffForJob>[0],
  settle: () => Promise<unknown>,
) {
  const ids = await switchOffForJob(store, 'acme', jobUsers);
  await settle();
  const [bffs, database] = serverProcesses(column);
  const cpuBefore = [cpuSeconds(bffs), cpuSeconds(database)];
  const quiet = await timedBulkActivation(base, headers);
  const [bffCpu, dbCpu] = [cpuSeconds(bffs), cpuSeconds(database)].map(
    (after, i) => after - cpuBefore[i]!,
  );
  note(
    'CPU s during that job, BFF(s) + PostgreSQL',
    column,
    `${bffCpu!.toFixed(1)} + ${database.length ? dbCpu!.toFixed(1) : '—'}`,
  );
  note(
    `bulk activation of ${fmt(jobUsers)} until none Pending (s)`,
    column,
    quiet.seconds.toFixed(1),
  );
  console.log(
    `  ${column} bulk activation of ${fmt(quiet.job.total)} users until none is Pending: ${quiet.seconds.toFixed(1)} s — "${quiet.job.summary}"`,
  );

  await switchOff(store, 'acme', ids);
  await settle();
  const during = load(base + PAGE, {
    connections,
    seconds: Math.max(5, Math.ceil(quiet.seconds)),
    headers,
  });
  const busy = await timedBulkActivation(base, headers);
  const page = await during;
  note('users page during the job: p95 ms', column, cell(page.p95.toFixed(1), page));
  note(`the same job under that load (s)`, column, busy.seconds.toFixed(1));
  console.log(
    `  ${column} users page while the job ran again: ${describe(page)}; the job took ${busy.seconds.toFixed(1)} s`,
  );
}

/**
 * `kill -9` of the leader while a bulk activation's users are being evaluated: how long until a
 * replica holds the leadership again, and until the Pending count falls again (the new leader's
 * first committed batch). The killed leader's last batch is lost with it (rolled back) and redone.
 */
async function failover(
  base: string | undefined,
  headers: Record<string, string>,
  store: PgStore,
  settle: () => Promise<unknown>,
) {
  const pending = async () => (await store.countUsersByStatus('acme')).Pending;
  await switchOffForJob(store, 'acme', failoverUsers);
  await settle();
  const pidOf = (child: ChildProcess) => child.pid!;
  const leader = await findLeader(store.pool, [...replicas.values()].map(pidOf));
  if (!leader) throw new Error('no replica leads the timed work');
  // Without HAProxy, the job is asked of a follower: the leader is about to die.
  const [victimPort, victim] = [...replicas].find(([, child]) => child.pid === leader.pid)!;
  const followerPort = [...replicas.keys()].find((port) => port !== victimPort)!;
  const api = base ?? `http://127.0.0.1:${followerPort}`;
  const started = await startBulkActivation(api, headers);
  // Kill once evaluation is under way: the Pending count has peaked and begun to fall.
  for (let peak = 0, waited = performance.now(); ;) {
    const now = await pending();
    if (peak > 0 && now < peak) break;
    peak = Math.max(peak, now);
    if (since(waited) > 120) throw new Error('the failover job never started evaluating');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const victimBackends = await backendsOf(store.pool, victim.pid!);
  const watching = base
    ? load(base + PAGE, { connections: 2, seconds: 8, headers })
    : Promise.resolve(undefined);
  const exited = new Promise((resolve) => victim.once('exit', resolve));
  const killedAt = performance.now();
  victim.kill('SIGKILL');
  await exited;
  children.splice(children.indexOf(victim), 1);
  replicas.delete(victimPort);
  // A COMMIT the leader sent just before it died lands within milliseconds: not the new leader's.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const before = await pending();
  const survivors = [...replicas.values()].map(pidOf);
  const times: Partial<Record<'gone' | 'leads' | 'locks' | 'commits', number>> = {};
  const mark = (what: keyof typeof times, reached: boolean) => {
    if (reached && times[what] === undefined) times[what] = since(killedAt);
  };
  while (Object.keys(times).length < 4 && since(killedAt) < 60) {
    const backends = await store.pool.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE pid = ANY($1)',
      [victimBackends],
    );
    mark('gone', backends.rows.length === 0);
    mark('leads', (await findLeader(store.pool, survivors)) !== undefined);
    mark(
      'locks',
      (await acmeLockHolders(store)).some((pid) => !victimBackends.includes(pid)),
    );
    mark('commits', (await pending()) < before);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const done = await untilDone(api, headers, started);
  const total = since(killedAt);
  const page = await watching;
  const s = (value: number | undefined) =>
    value === undefined ? 'not within 60 s' : value.toFixed(2);
  note('failover: another replica leads, after kill -9 (s)', 'pg3', s(times.leads));
  note('failover: its due work commits again (s)', 'pg3', s(times.commits));
  console.log(
    `  failover (${fmt(failoverUsers)}-user activation, leader pid ${leader.pid} killed with ${fmt(before)} Pending), after the kill: ` +
      `its ${victimBackends.length} connections gone on the server ${s(times.gone)} s, another replica leads ${s(times.leads)} s, ` +
      `a transaction of Acme holds its lock again ${s(times.locks)} s, the Pending count falls again ${s(times.commits)} s; ` +
      `the job done and none Pending ${total.toFixed(1)} s — "${done.summary}"` +
      (page ? `; users page meanwhile (2 connections, 8 s): ${describe(page)}` : ''),
  );
}

/** Backends holding Acme's transaction lock (pg-store.ts: namespace of the schema, organization). */
async function acmeLockHolders(store: PgStore): Promise<number[]> {
  const { rows } = await store.pool.query<{ pid: number }>(
    `SELECT pid FROM pg_locks
     WHERE locktype = 'advisory' AND granted AND objsubid = 2
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND classid = hashtext('hybrid-hub organization ' || current_schema())::oid
       AND objid = hashtext('acme')::oid`,
  );
  return rows.map((row) => row.pid);
}

async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** A figure, with the failed requests when there were any (a fast error is not a fast answer). */
function cell(value: string, result: LoadResult): string {
  const failed = result.errors + result.non2xx;
  return failed ? `${value} (${failed} failed)` : value;
}

function describe(result: LoadResult): string {
  return (
    `p50 ${result.p50.toFixed(1)} / p95 ${result.p95.toFixed(1)} / p99 ${result.p99.toFixed(1)} ms, ` +
    `${result.requestsPerSecond.toFixed(0)} req/s, ${result.errors + result.non2xx} failed, load ${load1()}`
  );
}

function since(start: number): number {
  return (performance.now() - start) / 1000;
}
