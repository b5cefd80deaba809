/**
 * `npm run bench` (second part): the activation figures of issue 3, against a real BFF process
 * (`src/server.ts`, SQLite, its own due-work loop) on a 200,000-user Acme:
 *   1. a bulk activation of 100,000 users through the API, timed until none is Pending;
 *   2. the users page's latency (p95) while the same 100,000-user job runs again;
 *   3. the same job while an administrator watches it: the Pending list's latency, and a Save's;
 *   4. Export CSV of all 200,000 users: time, and the BFF's peak resident memory growth.
 * The BFF runs in a child process so that its memory and CPU are its own; the load generator and
 * the CSV reader run here. BENCH_USERS and BENCH_JOB_USERS shrink it for a quick run.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Job } from '@hybrid-hub/contract';
import { openSqliteStore } from '../src/store/engine-store/sqlite-store.ts';
import { signIn } from '../src/testing/sign-in.ts';
import { stopBffProcess } from '../src/testing/bff-process.ts';
import { rssOf, startBffProcess } from './bff-process.ts';
import { timedBulkActivation } from './bulk-activation.ts';
import { load } from './load.ts';
import { percentiles } from './percentiles.ts';
import { switchOff as switchOffAgain, switchOffForJob } from './switch-off.ts';

const users = Number(process.env.BENCH_USERS ?? 200_000);
const jobUsers = Number(process.env.BENCH_JOB_USERS ?? 100_000);
/** Times the quiet job is run (the same users switched off again in between); the median counts. */
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
/** BENCH_ONLY_JOB=1: the quiet job only, without the load, watching and export parts. */
const onlyJob = process.env.BENCH_ONLY_JOB === '1';
const port = Number(process.env.BENCH_PORT ?? 3191);
const base = `http://127.0.0.1:${port}`;
const fmt = (n: number) => n.toLocaleString('en-US');

const directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-bench-activation-'));
const databaseFile = path.join(directory, 'hybrid-hub.db');
let bff: ChildProcess | undefined;
try {
  console.log(
    `\nActivation benchmarks — a BFF process on ${fmt(users)} Acme users, jobs of ${fmt(jobUsers)}\n`,
  );
  const startedAt = performance.now();
  bff = await startBffProcess({
    port,
    dataDir: directory,
    env: { HUB_DEMO_USERS: String(users) },
  });
  console.log(`BFF started and seeded in ${seconds(startedAt)} s`);
  // The API answers signed-in administrators only: the demo's Full administrator of Acme.
  const { headers } = await signIn(base, 'admin@acme.example');

  // 1. Bulk activation, on a quiet server, `runs` times: a 2-core machine shared with other work
  // varies by ±0.5 s from one run to the next.
  const ids = await switchOffForTheJob();
  const times: number[] = [];
  let first: { job: Job; seconds: number } | undefined;
  for (let run = 0; run < runs; run++) {
    if (run > 0) await switchOff(ids);
    first = await timedActivation(headers);
    times.push(first.seconds);
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  console.log(
    `Bulk activation of ${fmt(first!.job.total)} users until none is Pending: ${median.toFixed(1)} s ` +
      `median of ${runs} (${times.map((t) => t.toFixed(1)).join(', ')}) (target ≤ 10 s) — "${first!.job.summary}"`,
  );
  if (!onlyJob) await underLoadAndExport(bff, ids, median, headers);
} finally {
  await stopBffProcess(bff);
  rmSync(directory, { recursive: true, force: true });
}

/** Parts 2 to 4: the job under load, the job while an administrator watches, the export. */
async function underLoadAndExport(
  child: ChildProcess,
  ids: readonly string[],
  quietSeconds: number,
  headers: Record<string, string>,
): Promise<void> {
  // 2. The same job again, while 10 connections read the users page: for as long as the job took
  // on the quiet server, so that the figure covers the whole job (its apply, then its activations),
  // not only its first seconds.
  await switchOff(ids);
  const page = '/api/v1/users?status=Active&sort=-lastActivity&page=3&pageSize=50';
  const quiet = await load(base + page, { connections: 10, seconds: 5, headers });
  const during = load(base + page, {
    connections: 10,
    seconds: Math.max(5, Math.ceil(quietSeconds)),
    headers,
  });
  const second = await timedActivation(headers);
  const busy = await during;
  console.log(
    `Users page, 10 connections: p50 ${quiet.p50.toFixed(1)} / p95 ${quiet.p95.toFixed(1)} ms quiet; ` +
      `p50 ${busy.p50.toFixed(1)} / p95 ${busy.p95.toFixed(1)} ms while the job ran ` +
      `(target p95 ≤ 50 ms; ${fmt(busy.requests)} requests, ${busy.errors + busy.non2xx} errors; ` +
      `the job took ${second.seconds.toFixed(1)} s under load)`,
  );

  // 3. The job a third time, as an administrator watching it would: the Pending list (by name,
  // 2 connections; Pending users are not in the status sort indexes) and a Save every half second
  // on a user outside the job (a Save ends the job's running batch early, and waits for it).
  await switchOff(ids);
  const pendingPage = '/api/v1/users?status=Pending&sort=name&page=1&pageSize=50';
  const watching = load(base + pendingPage, {
    connections: 2,
    seconds: Math.max(5, Math.ceil(quietSeconds)),
    headers,
  });
  const saves = savingMeanwhile(headers);
  const third = await timedActivation(headers);
  const saveTimes = percentiles(await saves.stop());
  const pending = await watching;
  console.log(
    `While an administrator watches: Pending list p50 ${pending.p50.toFixed(1)} / p95 ${pending.p95.toFixed(1)} ms ` +
      `(${fmt(pending.requests)} requests, ${pending.errors + pending.non2xx} errors); ` +
      `Save p50 ${saveTimes.p50.toFixed(0)} / p95 ${saveTimes.p95.toFixed(0)} ms (one every 0.5 s); ` +
      `the job took ${third.seconds.toFixed(1)} s`,
  );

  // 4. Export CSV of everyone, reading the stream as fast as it comes.
  const rssBefore = rssOf(child.pid!);
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!))), 10);
  const exportStart = performance.now();
  const response = await fetch(`${base}/api/v1/users/export.csv`, { headers });
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  clearInterval(sampler);
  console.log(
    `Export CSV of ${fmt(lines - 1)} users (${(bytes / 1024 / 1024).toFixed(1)} MB): ${seconds(exportStart)} s; ` +
      `BFF resident memory ${mb(rssBefore)} MB before, peak growth ${mb(peak - rssBefore)} MB (target ≤ 100 MB)`,
  );
}

/**
 * Makes exactly `jobUsers` users Not activated (switch-off.ts). Set-up, not measured: written
 * straight into the database the BFF uses (SQLite allows it).
 */
async function switchOffForTheJob(): Promise<string[]> {
  return withStore((store) => switchOffForJob(store, 'acme', jobUsers));
}

async function switchOff(ids: readonly string[]): Promise<void> {
  await withStore((store) => switchOffAgain(store, 'acme', ids));
}

async function withStore<T>(work: (store: ReturnType<typeof openSqliteStore>) => Promise<T>) {
  const store = openSqliteStore(databaseFile);
  try {
    const result = await work(store);
    // The set-up's writes are copied into the database file now, not by the BFF's checkpointer
    // while the job it times runs.
    await store.useConnection((db) => db.pragma('wal_checkpoint(TRUNCATE)'));
    return result;
  } finally {
    await store.close();
  }
}

/**
 * Switches an Active user outside the job off and on again, a Save every 500 ms, until stopped;
 * returns each Save's latency (ms).
 */
function savingMeanwhile(headers: Record<string, string>): { stop: () => Promise<number[]> } {
  const times: number[] = [];
  let saving = true;
  const done = (async () => {
    const active = await fetch(`${base}/api/v1/users?status=Active&pageSize=1`, { headers });
    const userId = ((await active.json()) as { items: { id: string }[] }).items[0]!.id;
    for (let enabled = false; saving; enabled = !enabled) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/users/${userId}/message-service`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ enabled }),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`Save answered ${response.status}`);
      times.push(performance.now() - started);
    }
  })();
  return {
    stop: async () => {
      saving = false;
      await done;
      return times;
    },
  };
}

/** POSTs "activate every Not activated user" and waits until the job is done and none is Pending. */
function timedActivation(headers: Record<string, string>): Promise<{ job: Job; seconds: number }> {
  return timedBulkActivation(base, headers);
}

function mb(value: number): string {
  return (value / 1024 / 1024).toFixed(0);
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
