/**
 * `npm run bench` (first part): the users route of a real BFF process on a 200,000-user Acme.
 *   1. time to start a BFF on an empty data directory, seeding 200,000 users (directory, history);
 *   2. its resident memory once seeded;
 *   3. the users route under 10 connections — p50/p95/p99 and requests per second — for a filtered
 *      sorted page, a 3-letter substring search, a whole email, page numbers deep in the list and a
 *      cursor, each beside a bare node:http server answering the same bytes precomputed (the
 *      machine's limit) in the same run, so the ratio app/bare is what to compare across machines.
 *
 * Three processes: the BFF (src/server.ts, logging at its production level into /dev/null) and the
 * bare server each in its own, pinned to core 1; the load generator (autocannon) here, on core 0.
 * Every scenario runs BENCH_RUNS times (default 3), BFF then bare server back to back; the table
 * gives the median of the runs.
 *
 * Not part of `npm test`. BENCH_USERS and BENCH_SECONDS shrink it; BENCH_DATA_DIR keeps the seeded
 * database between runs (seeded when empty); BENCH_ONLY=<words> runs the scenarios whose name has
 * them; BENCH_CPU_PROF=<dir> writes the BFF's CPU profile (node --cpu-prof) there when it stops,
 * which `bench/profile-breakdown.ts <dir> <requests>` reads into milliseconds per request.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, stopBffProcess } from '../src/testing/bff-process.ts';
import { signIn } from '../src/testing/sign-in.ts';
import { rssOf, startBffProcess } from './bff-process.ts';
import { pinLoadGenerator } from './cpu-pinning.ts';
import { load, type LoadResult } from './load.ts';
import { printTable } from './print-table.ts';

const users = Number(process.env.BENCH_USERS ?? 200_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const cpuProfileDir = process.env.BENCH_CPU_PROF;
const only = process.env.BENCH_ONLY?.toLowerCase();
const connections = 10;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const load1 = () => loadavg()[0]!.toFixed(2);

const cores = pinLoadGenerator();
const keep = process.env.BENCH_DATA_DIR;
const directory = keep ?? mkdtempSync(path.join(tmpdir(), 'hybrid-hub-bench-'));
const seeding = !existsSync(path.join(directory, 'hybrid-hub.db'));
let bff: ChildProcess | undefined;
/** Requests of the scenarios the BFF answered, for the profile's cost a request. */
let answered = 0;
try {
  console.log(
    `Hybrid Hub benchmarks — Node ${process.version}, ${users.toLocaleString('en-US')} Acme users`,
  );
  console.log(`Cores: ${cores.description}. Load average at start: ${load1()}\n`);
  const port = await freePort();
  const startedAt = performance.now();
  bff = await startBffProcess({
    port,
    dataDir: directory,
    env: { HUB_DEMO_USERS: String(users), LOG_LEVEL: 'info' },
    nodeArgs: cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [],
    cpu: cores.server,
  });
  const startSeconds = (performance.now() - startedAt) / 1000;
  console.log(
    seeding
      ? `Start a BFF seeding ${users.toLocaleString('en-US')} users into SQLite: ${startSeconds.toFixed(1)} s (target ≤ 30 s)`
      : `Start a BFF on the database kept in ${directory}: ${startSeconds.toFixed(1)} s`,
  );
  console.log(`BFF resident memory: ${mb(rssOf(bff.pid!))} MB\n`);

  const appUrl = `http://127.0.0.1:${port}`;
  const { headers } = await signIn(appUrl, 'admin@acme.example');
  const get = async (route: string) => {
    const response = await fetch(appUrl + route, { headers });
    if (!response.ok) throw new Error(`${route} answered ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  };
  // The demo's Pending users come due at start: their activations run first, so that the figures
  // are of a quiet BFF (its due-work loop still runs, as in production).
  const quietSince = performance.now();
  for (let pending = -1; ;) {
    const counts = JSON.parse((await get('/api/v1/users/status-counts')).toString()) as {
      byStatus: Record<string, number>;
    };
    if (counts.byStatus.Pending === pending || performance.now() - quietSince > 120_000) break;
    pending = counts.byStatus.Pending ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  const activeQuery = 'status=Active&sort=-lastActivity&pageSize=50';
  const pageOf = async (page: number) =>
    JSON.parse((await get(`/api/v1/users?${activeQuery}&page=${page}`)).toString()) as {
      total: number;
      items: { email: string }[];
      nextCursor: string | null;
    };
  const last = Math.ceil((await pageOf(1)).total / 50);
  // Just before the middle is the worst case for a page number: past it, pages are read from the end.
  const deep = Math.max(2, Math.floor(last / 2));
  const beforeDeep = await pageOf(deep - 1);
  const email = beforeDeep.items[7]!.email;
  const scenarios: [string, string][] = [
    ['Active by last activity, page 3', `/api/v1/users?${activeQuery}&page=3`],
    ['search "mar" (3 letters), by name', '/api/v1/users?q=mar&sort=name&pageSize=50'],
    ['search a whole email', `/api/v1/users?q=${encodeURIComponent(email)}&pageSize=50`],
    [`jump to page ${deep} by number`, `/api/v1/users?${activeQuery}&page=${deep}`],
    [`last page ${last} by number`, `/api/v1/users?${activeQuery}&page=${last}`],
    [
      `page ${deep} by cursor`,
      `/api/v1/users?${activeQuery}&page=${deep}&cursor=${beforeDeep.nextCursor}`,
    ],
  ];

  const rows: string[][] = [];
  for (const [name, route] of scenarios) {
    if (only && !name.toLowerCase().includes(only)) continue;
    const bytes = await get(route);
    const bare = await startBareServer(bytes, cores.server);
    try {
      // Warm-up: JIT, page cache.
      answered += (await load(appUrl + route, { connections, seconds: 2, headers })).requests;
      await load(bare.url + route, { connections, seconds: 2 });
      const measured: { app: LoadResult; bare: LoadResult; load: string }[] = [];
      for (let run = 0; run < runs; run++) {
        const app = await load(appUrl + route, { connections, seconds, headers });
        answered += app.requests;
        const bareResult = await load(bare.url + route, { connections, seconds });
        measured.push({ app, bare: bareResult, load: load1() });
      }
      rows.push(row(`${name} (${(bytes.length / 1024).toFixed(1)} kB)`, measured));
    } finally {
      await bare.stop();
    }
  }

  console.log(
    `GET /api/v1/users, ${connections} connections, ${seconds} s each, median of ${runs} runs (BFF and bare server back to back in each)`,
  );
  printTable(
    [
      'scenario',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'req/s',
      'bare req/s',
      'app/bare',
      'errors',
      'load avg',
    ],
    rows,
  );
  console.log(
    '\nTargets: p95 ≤ 10 ms and app ≥ 25 % of the bare server on page 3; a whole email ≤ 5 ms; "mar" and a page by number ≤ 20 ms.',
  );
} finally {
  await stopBffProcess(bff);
  if (cpuProfileDir) {
    console.log(
      `\nCPU profile of the BFF written to ${cpuProfileDir}; it answered ${answered} requests of the scenarios (and a few to set them up):`,
      `node --import tsx bench/profile-breakdown.ts ${cpuProfileDir} ${answered}`,
    );
  }
  if (!keep) rmSync(directory, { recursive: true, force: true });
}

/** The median of each figure over the runs; the ratio is the median of each run's own ratio. */
function row(
  name: string,
  measured: { app: LoadResult; bare: LoadResult; load: string }[],
): string[] {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const of = (pick: (m: (typeof measured)[number]) => number) => median(measured.map(pick));
  return [
    name,
    of((m) => m.app.p50).toFixed(1),
    of((m) => m.app.p95).toFixed(1),
    of((m) => m.app.p99).toFixed(1),
    of((m) => m.app.requestsPerSecond).toFixed(0),
    of((m) => m.bare.requestsPerSecond).toFixed(0),
    `${of((m) => (100 * m.app.requestsPerSecond) / m.bare.requestsPerSecond).toFixed(0)} %`,
    String(measured.reduce((sum, m) => sum + m.app.errors + m.app.non2xx, 0)),
    measured.map((m) => m.load).join(' '),
  ];
}

/** The bare server in its own process (bare-server.ts), on the BFF's core. */
async function startBareServer(
  body: Buffer,
  cpu: string | undefined,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const bodyFile = path.join(directory, 'bare-body.json');
  writeFileSync(bodyFile, body);
  const port = await freePort();
  const node = [
    process.execPath,
    '--import',
    'tsx',
    'bench/bare-server.ts',
    String(port),
    bodyFile,
  ];
  const [command, ...args] = cpu === undefined ? node : ['taskset', '-c', cpu, ...node];
  const child = spawn(command!, args, {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the bare server exited');
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
