/**
 * Exports against everyone else, on a 200,000-user Acme (BENCH_USERS): the users page of one
 * session (p50/p95/p99 under BENCH_READERS connections, default 2, for BENCH_SECONDS, default 10),
 * first quiet, then while another session keeps 10 users exports (`GET /users/export.csv`, all
 * users, read to the end) going at once in a loop, starting a new one as soon as one ends or is
 * refused (after 100 ms: a 429 comes back at once). Quiet then busy BENCH_RUNS times (default 3);
 * the ratio of the median p95s, busy / quiet, is the figure (target: within 2×), with what the
 * exporters got. BENCH_DATA_DIR keeps the seeded database between runs.
 * Run: node --import tsx bench/export-contention.ts
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, stopBffProcess } from '../src/testing/bff-process.ts';
import { signIn } from '../src/testing/sign-in.ts';
import { startBffProcess } from './bff-process.ts';
import { load, type LoadResult } from './load.ts';
import { printTable } from './print-table.ts';

const users = Number(process.env.BENCH_USERS ?? 200_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const readers = Number(process.env.BENCH_READERS ?? 2);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const EXPORTERS = 10;

const keep = process.env.BENCH_DATA_DIR;
const directory = keep ?? mkdtempSync(path.join(tmpdir(), 'hybrid-hub-export-bench-'));
let bff: ChildProcess | undefined;

interface ExportTally {
  completed: number;
  refused: number;
  /** Lines received, finished downloads or not. */
  rows: number;
}

/** Keeps `EXPORTERS` exports of one session going until `stop` is aborted. */
async function exportLoop(url: string, headers: Record<string, string>, stop: AbortSignal) {
  const tally: ExportTally = { completed: 0, refused: 0, rows: 0 };
  const exporter = async () => {
    while (!stop.aborted) {
      try {
        const response = await fetch(url, { headers, signal: stop });
        if (response.status === 200) {
          for await (const chunk of response.body!) {
            for (const byte of chunk as Uint8Array) if (byte === 10) tally.rows += 1;
          }
          tally.completed += 1;
        } else {
          await response.arrayBuffer();
          if (response.status === 429) tally.refused += 1;
          await sleep(100);
        }
      } catch (error) {
        if (!stop.aborted) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: EXPORTERS }, exporter));
  return tally;
}

try {
  console.log(
    `Exports against the users page — Node ${process.version}, ${users.toLocaleString('en-US')} Acme users`,
  );
  const port = await freePort();
  bff = await startBffProcess({
    port,
    dataDir: directory,
    env: { HUB_DEMO_USERS: String(users) },
  });
  const appUrl = `http://127.0.0.1:${port}`;
  const reader = await signIn(appUrl, 'readonly@acme.example');
  const exporter = await signIn(appUrl, 'admin@acme.example');
  const page = `${appUrl}/api/v1/users?pageSize=50`;
  const readPage = () => load(page, { connections: readers, seconds, headers: reader.headers });

  await readPage(); // warm-up: caches, JIT
  const quiet: LoadResult[] = [];
  const busy: LoadResult[] = [];
  const tallies: ExportTally[] = [];
  for (let run = 0; run < runs; run++) {
    quiet.push(await readPage());
    const stop = new AbortController();
    const exports = exportLoop(`${appUrl}/api/v1/users/export.csv`, exporter.headers, stop.signal);
    await sleep(1000); // the exports under way
    busy.push(await readPage());
    stop.abort();
    tallies.push(await exports);
  }

  const ms = (n: number) => n.toFixed(1);
  const row = (name: string, r: LoadResult) => [
    name,
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    r.requestsPerSecond.toFixed(0),
    String(r.non2xx + r.errors),
  ];
  printTable(
    ['users page of another session', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'not 2xx'],
    quiet.flatMap((q, run) => [
      row(`run ${run + 1}: quiet`, q),
      row(`run ${run + 1}: while ${EXPORTERS} exports loop`, busy[run]!),
    ]),
  );
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const quietP95 = median(quiet.map((r) => r.p95));
  const busyP95 = median(busy.map((r) => r.p95));
  const sum = (key: keyof ExportTally) => tallies.reduce((total, t) => total + t[key], 0);
  console.log(
    `\nMedian p95: quiet ${ms(quietP95)} ms, busy ${ms(busyP95)} ms — busy / quiet ` +
      `${(busyP95 / quietP95).toFixed(2)}× (target ≤ 2×). The exporting session, in ` +
      `${runs} × ${seconds + 1} s: ${sum('rows').toLocaleString('en-US')} rows received, ` +
      `${sum('completed')} exports completed, ${sum('refused')} refused (429).`,
  );
} finally {
  await stopBffProcess(bff);
  if (!keep) rmSync(directory, { recursive: true, force: true });
}
