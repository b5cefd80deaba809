import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDEMPOTENCY_KEY_HEADER, Job, type BulkRequest } from '@hybrid-hub/contract';
import { ManualClock } from '@hybrid-hub/engine';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { backup } from '../cli/backup.ts';
import { restore } from '../cli/restore.ts';
import { readConfig } from '../config.ts';
import { startBff } from '../start.ts';
import { openBffStores } from '../store/bff-stores.ts';
import { signIn } from '../testing/sign-in.ts';
import { freshPgSchema } from '../testing/test-postgres.ts';
import { expectJobsAccounted, expectTotalsRecounted, type Query } from './restored-copy-checks.ts';
import { DATABASE_FILE } from './sqlite-backup.ts';

/**
 * `npm run backup` while a bulk activation of thousands of users runs, `npm run restore` into an
 * empty target, and the copy found consistent: integrity, totals equal to a recount, every job
 * completed or resumable, and a BFF started on the copy finishes the job that was under way.
 * The engine's clock stands still until the copy is restored, so the job cannot end before the
 * backup: its users wait in Pending for a delay that only the restored BFF's clock passes.
 */
const USERS = '6000';
const work = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-backup-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** Where a BFF keeps its data: the environment its config and the commands read. */
type Target = Record<string, string>;

const bffConfig = (target: Target) =>
  readConfig({
    PORT: '0',
    HUB_DEMO_USERS: USERS,
    HUB_DEMO_SEED: '11',
    HUB_WEB_DIST: '/nonexistent',
    HUB_ACTIVATION_DELAY_MS: '50',
    HUB_TICK_MS: '20',
    HUB_RATE_LIMIT: '10000000',
    HUB_RATE_LIMIT_CHANGES: '10000000',
    ...target,
  });

async function start(target: Target, clock: ManualClock) {
  const bff = await startBff(bffConfig(target), { logger: pino({ level: 'silent' }), clock });
  cleanups.push(() => bff.close());
  const { headers } = await signIn(bff.url, 'admin@acme.example');
  const readJob = async (id: string) => {
    const response = await fetch(`${bff.url}/api/v1/jobs/${id}`, { headers });
    expect(response.status).toBe(200);
    return Job.parse(await response.json());
  };
  return {
    bff,
    readJob,
    async startJob(request: BulkRequest) {
      const response = await fetch(`${bff.url}/api/v1/users/bulk`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          [IDEMPOTENCY_KEY_HEADER]: crypto.randomUUID(),
        },
        body: JSON.stringify(request),
      });
      expect(response.status).toBe(202);
      return Job.parse(await response.json());
    },
    async until(id: string, done: (job: Job) => boolean, onWait = () => {}) {
      const started = performance.now();
      for (;;) {
        const job = await readJob(id);
        if (done(job)) return job;
        if (performance.now() - started > 60_000) throw new Error(`job: ${job.summary}`);
        onWait();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

const io = (env: Target, lines: string[]) => ({ env, out: (line: string) => lines.push(line) });

async function backUpDuringBulkJob(
  source: Target,
  restored: Target,
  open: (t: Target) => Promise<Query>,
  backUpWhen: (job: Job) => boolean,
) {
  const running = await start(source, new ManualClock());
  // Everyone off first, so that the activation has every Acme user to do.
  const off = await running.startJob({ action: 'deactivate', selection: { kind: 'filter' } });
  await running.until(off.id, (job) => job.state === 'completed');
  const job = await running.startJob({ action: 'activate', selection: { kind: 'filter' } });
  expect(job.total).toBeGreaterThan(4000);
  await running.until(job.id, backUpWhen);

  const file = path.join(work, `${crypto.randomUUID()}.backup`);
  const said: string[] = [];
  const backupStarted = performance.now();
  expect(await backup(['--out', file], io(source, said)), said.join('\n')).toBe(0);
  const backupMs = performance.now() - backupStarted;
  const atEnd = await running.readJob(job.id);
  // The BFF went on writing: its next batches landed after the copy.
  await running.until(job.id, (j) => j.processed > atEnd.processed || j.processed === j.total);
  await running.bff.close();

  const restoreStarted = performance.now();
  expect(await restore([file], io(restored, said)), said.join('\n')).toBe(0);
  const restoreMs = performance.now() - restoreStarted;
  // Never over data: a second restore into the same target is refused.
  expect(await restore([file], io(restored, said))).toBe(1);
  expect(said.at(-1)).toMatch(/not empty|already has a database/);

  const query = await open(restored);
  const stores = await openBffStores(bffConfig(restored), () => {});
  try {
    await expectTotalsRecounted(query, (org) => stores.store.countUsersByStatus(org));
  } finally {
    await stores.close();
  }
  const jobs = await expectJobsAccounted(query);
  const copied = jobs.find((j) => j.id === job.id)!;
  expect(copied.state).not.toBe('completed');
  expect(jobs.find((j) => j.id === off.id)?.state).toBe('completed');

  // A BFF on the copy carries the job on to its end.
  const clock = new ManualClock();
  const resumed = await start(restored, clock);
  const done = await resumed.until(
    job.id,
    (j) => j.state === 'completed',
    () => clock.advance(1_000),
  );
  expect(done.settled).toBe(done.total);
  expect(done.succeeded + done.failed + done.unchanged).toBe(done.total);
  await resumed.bff.close();
  await expectJobsAccounted(await open(restored));
  console.info(
    `backup during a bulk job of ${job.total}: ${said[0]} (${Math.round(backupMs)} ms, ` +
      `${(statSync(file).size / 1_048_576).toFixed(1)} MB); restore ${Math.round(restoreMs)} ms; ` +
      `copied at ${copied.processed} applied, ${copied.queued} queued`,
  );
}

describe('a backup taken during a bulk job, restored into an empty target', () => {
  it('on SQLite: sound, totals recounted, the job resumable and finished on the copy', async () => {
    const source = { HUB_DATA_DIR: path.join(work, 'source') };
    const restored = { HUB_DATA_DIR: path.join(work, 'restored') };
    const open = async (target: Target) => {
      const db = new Database(path.join(target.HUB_DATA_DIR!, DATABASE_FILE), { readonly: true });
      cleanups.push(async () => {
        db.close();
      });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      return async <T>(sql: string) => db.prepare(sql).all() as T[];
    };
    // At once: the store applies up to 20,000 items in one transaction, which the copy sees
    // whole or not at all; the BFF is writing it while the copy is taken.
    await backUpDuringBulkJob(source, restored, open, () => true);
  }, 180_000);

  it('on PostgreSQL: one snapshot, totals recounted, the job resumable and finished on the copy', async () => {
    const [from, to] = await Promise.all([freshPgSchema({ max: 1 }), freshPgSchema({ max: 1 })]);
    cleanups.push(from.drop, to.drop);
    const target = (schema: typeof from) => ({
      HUB_DATABASE_URL: schema.url,
      HUB_DATABASE_SCHEMA: schema.schema,
      HUB_DATABASE_POOL_MAX: '4',
    });
    const open =
      async () =>
      async <T>(sql: string) =>
        (await to.pool.query(sql)).rows as T[];
    // Once the first batch is in: the copy holds a job partly applied.
    await backUpDuringBulkJob(target(from), target(to), open, (job) => job.processed > 0);
    // Identities continue after the restored rows: a new event gets a higher id.
    const { rows } = await to.pool.query<{ before: number; next: number }>(
      `SELECT (SELECT max(seq) FROM events) AS before,
              nextval(pg_get_serial_sequence('events', 'seq')) AS next`,
    );
    expect(rows[0]!.next).toBeGreaterThan(rows[0]!.before);
  }, 180_000);
});
