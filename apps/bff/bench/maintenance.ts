/**
 * `npm run bench` (third part): the maintenance and status figures of issue 4, on a 200,000-user
 * Acme, with a node of 15,000 users to drain (the busiest cluster whose other nodes can take them;
 * its users are gathered on that node first, as set-up):
 *   1. the engine's wall time to drain the node, in `runDueWork` calls with a fake clock moved on
 *      a minute at a time (the move goes at 1,000 users a minute), on the in-memory store and on
 *      SQLite; the drain is checked (node empty, no node over capacity, nobody lost) before its
 *      time is printed;
 *   2. the cluster detail (the Message Service Status totals are computed in it), engine.getCluster
 *      on SQLite, p50/p95 for each cluster;
 *   3. the cluster page's requests against a BFF process — quiet, then while its own due-work loop
 *      drains the node (at a faster rate, so that the drain lasts the measurement).
 * BENCH_USERS, BENCH_DRAIN_USERS and BENCH_RUNS shrink it for a quick run.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEngine, ManualClock, MemoryStore, seedDemo, type Store } from '@hybrid-hub/engine';
import { readConfig } from '../src/config.ts';
import { openSqliteStore, type SqliteStore } from '../src/store/engine-store/sqlite-store.ts';
import { stopBffProcess } from '../src/testing/bff-process.ts';
import { startBffProcess } from './bff-process.ts';
import { clusterPageLoads } from './cluster-page.ts';
import { concentrateUsers, pickDrainCase, settleDueWork, type DrainCase } from './drain-setup.ts';
import { timeClusterDetails } from './cluster-detail.ts';
import { timedDrain, type DrainResult } from './timed-drain.ts';

const users = Number(process.env.BENCH_USERS ?? 200_000);
const drainUsers = Number(process.env.BENCH_DRAIN_USERS ?? 15_000);
const runs = Number(process.env.BENCH_RUNS ?? 300);
const port = Number(process.env.BENCH_PORT ?? 3192);
/** The BFF's drain is made to last about this long (seconds), so page loads run beside it. */
const drainSeconds = 10;
const MINUTE = 60_000;
const fmt = (n: number) => n.toLocaleString('en-US');

// The demo is seeded 75 minutes in the past: set-up and the two simulated drains move the fake
// clock on by about 47 minutes, and the BFF process that follows runs on the real clock, after.
const seededAt = Date.now() - 75 * MINUTE;
const directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-bench-maintenance-'));
let bff: ChildProcess | undefined;
try {
  console.log(
    `\nMaintenance and status benchmarks — ${fmt(users)} Acme users, a node of ${fmt(drainUsers)} to drain\n`,
  );

  // 1. The drain, in the engine: first on the in-memory store (let go before SQLite is timed,
  // so that its 200,000 users are no garbage to collect then), then on SQLite.
  printDrain('in-memory store, a call a minute', await drainInMemory());

  const file = path.join(directory, 'hybrid-hub.db');
  let store = openSqliteStore(file);
  const clock = new ManualClock(seededAt);
  const seedStart = performance.now();
  await seedDemo(store, { seed: 42, acmeUsers: users, clock });
  await store.optimize();
  console.log(`(SQLite seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
  const drain = await prepareDrain(store, clock);
  // Closing checkpoints the set-up's write-ahead log: the drain starts on a store as a BFF
  // restarted after the set-up would find it, not behind 300 MB of seeding still being copied.
  store = await reopen(store, file);
  printDrain('SQLite, a call a minute', {
    drain,
    result: await timedDrain(store, clock, drain, MINUTE),
  });

  // The same drain as the BFF really runs it: its loop calls runDueWork every tick, and each
  // call moves the few users the rate allows since the last one.
  await exitMaintenance(store, clock, drain);
  await concentrateUsers(store, drain, drainUsers);
  store = await reopen(store, file);
  const tickMs = readConfig({}).HUB_TICK_MS;
  printDrain(`SQLite, a call every ${tickMs} ms as the BFF's loop ticks`, {
    drain,
    result: await timedDrain(store, clock, drain, tickMs),
  });

  // 2. The cluster detail with its Message Service Status, per cluster, on a settled store.
  store = await reopen(store, file);
  console.log('');
  await timeClusterDetails(store, 'acme', runs);

  // 3. The same node, its users gathered on it again, drained by a BFF process's own loop.
  await exitMaintenance(store, clock, drain);
  await concentrateUsers(store, drain, drainUsers);
  await store.close();
  const ratePerMinute = Math.ceil((drainUsers * 60) / drainSeconds);
  bff = await startBffProcess({
    port,
    dataDir: directory,
    env: { HUB_MAINTENANCE_RATE: String(ratePerMinute) },
  });
  console.log('');
  await clusterPageLoads(`http://127.0.0.1:${port}`, drain, { runs, drainUsers, ratePerMinute });
} finally {
  await stopBffProcess(bff);
  rmSync(directory, { recursive: true, force: true });
}

async function drainInMemory(): Promise<{ drain: DrainCase; result: DrainResult }> {
  const store = new MemoryStore();
  const clock = new ManualClock(seededAt);
  await seedDemo(store, { seed: 42, acmeUsers: users, clock });
  const drain = await prepareDrain(store, clock);
  const result = await timedDrain(store, clock, drain, MINUTE);
  await store.close();
  return { drain, result };
}

/** Settles the demo's due work and gathers `drainUsers` on the node to drain. */
async function prepareDrain(store: Store, clock: ManualClock): Promise<DrainCase> {
  await settleDueWork(store, clock);
  const drain = await pickDrainCase(store, 'acme', drainUsers);
  await concentrateUsers(store, drain, drainUsers);
  return drain;
}

async function reopen(store: SqliteStore, file: string): Promise<SqliteStore> {
  await store.close();
  return openSqliteStore(file);
}

/** Set-up: the drained node serves again (its users stay where the drain put them). */
async function exitMaintenance(store: Store, clock: ManualClock, drain: DrainCase): Promise<void> {
  const engine = createEngine({ store, clock });
  const { revision } = await engine.previewMaintenance(drain.orgId, drain.node.id);
  await engine.setMaintenance(
    { orgId: drain.orgId, actor: 'bench@acme.example' },
    drain.node.id,
    { action: 'exit' },
    revision,
  );
}

/**
 * One drain's line. With a call a minute, the time is the drain's own work (the target's
 * measure); with a call a tick, it is what a real drain costs the BFF, per-call overhead included.
 */
function printDrain(
  how: string,
  { drain, result }: { drain: DrainCase; result: DrainResult },
): void {
  const after = [...result.after].map(([hostname, n]) => `${hostname} ${fmt(n)}`).join(', ');
  const perTick = result.calls > result.minutes * 2 + 1;
  const versus = perTick
    ? `${((100 * result.seconds) / (result.minutes * 60)).toFixed(1)} % of one core over the move`
    : `target ≤ 1 s: ${result.seconds.toFixed(2)}× the target`;
  console.log(
    `Drain ${fmt(result.moved)} users off ${drain.node.hostname} (${how}): ` +
      `${result.seconds.toFixed(2)} s in ${fmt(result.calls)} runDueWork calls (${versus}); ` +
      `${result.minutes.toFixed(1)} simulated minutes, other due work ${result.activated}; ` +
      `after: ${after} (capacity ${fmt(drain.capacity)} each)`,
  );
}
