/**
 * `npm run bench` (last part): the BFF as production starts it — the build (dist/server.js) run
 * by plain node — against its TypeScript source under tsx (`npm run dev`, and `npm start` before
 * the build): the time from spawning the process to /api/health answering, its resident memory
 * then, and after 200 API requests of a signed-in administrator. Every start is on the same demo
 * database, seeded beforehand (seeding is not start-up); the two take turns, BENCH_RUNS times
 * each (default 3), and the table gives the median.
 *
 * Run: node --import tsx bench/start-up.ts   (writes dist/ with build.js first)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startBffProcess, stopBffProcess } from '../src/testing/bff-process.ts';
import { signIn } from '../src/testing/sign-in.ts';
import { rssOf } from './bff-process.ts';
import { printTable } from './print-table.ts';

const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const variants = [
  { name: 'compiled: node dist/server.js', args: ['dist/server.js'] },
  { name: 'source: node --import tsx src/server.ts', args: ['--import', 'tsx', 'src/server.ts'] },
];
const REQUESTS = ['/api/v1/users?pageSize=50', '/api/v1/users/status-counts', '/api/v1/clusters'];

interface Start {
  ms: number;
  rssStarted: number;
  rssAfterRequests: number;
}

async function measure(args: string[], dataDir: string): Promise<Start> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const spawned = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: bffDir,
    env: { ...process.env, PORT: String(port), HUB_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited`);
      const answered = await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (answered) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const ms = performance.now() - spawned;
    const rssStarted = rssOf(child.pid!);
    const { headers } = await signIn(url, 'admin@acme.example');
    for (let i = 0; i < 200; i++) {
      const response = await fetch(url + REQUESTS[i % REQUESTS.length]!, { headers });
      if (!response.ok) throw new Error(`${response.url} answered ${response.status}`);
      await response.arrayBuffer();
    }
    return { ms, rssStarted, rssAfterRequests: rssOf(child.pid!) };
  } finally {
    await stopBffProcess(child as ChildProcess);
  }
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[values.length >> 1]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

execFileSync(process.execPath, ['build.js'], { cwd: bffDir, stdio: 'inherit' });
const dataDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-start-up-'));
try {
  console.log(`BFF start-up — Node ${process.version}, load average ${loadavg()[0]!.toFixed(2)}`);
  await stopBffProcess(await startBffProcess({ port: await freePort(), dataDir }));
  const results = variants.map(() => [] as Start[]);
  for (let run = 0; run < runs; run++) {
    for (const [i, variant] of variants.entries())
      results[i]!.push(await measure(variant.args, dataDir));
  }
  printTable(
    [`median of ${runs}`, 'spawn → /api/health', 'RSS started', 'RSS after 200 requests'],
    variants.map((variant, i) => [
      variant.name,
      `${median(results[i]!.map((r) => r.ms)).toFixed(0)} ms`,
      mb(median(results[i]!.map((r) => r.rssStarted))),
      mb(median(results[i]!.map((r) => r.rssAfterRequests))),
    ]),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
