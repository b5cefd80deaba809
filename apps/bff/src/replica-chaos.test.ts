import { IDEMPOTENCY_KEY_HEADER, Job, type BulkRequest } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startOwnPostgres,
  startReplicaProcesses,
  timedWorkLeaders,
  type OwnPostgres,
  type ReplicaProcess,
} from './testing/replica-processes.ts';
import { resumeEventStream, type ResumingEventStream } from './testing/resuming-event-stream.ts';
import { signIn, type SignedIn } from './testing/sign-in.ts';

/**
 * Issue 14's chaos test: three BFF replica processes on a PostgreSQL server of the test's own;
 * a bulk activation of every Acme user (20,000) runs while the leader of the timed work is
 * killed (`kill -9`), frozen (`SIGSTOP`), cut off (`pg_terminate_backend` of its leadership
 * connection), and while PostgreSQL itself restarts. After each: the job completed with every
 * item accounted for, nobody Pending, the status totals equal a recount, every acknowledged
 * reactivation has its history line and audit entry, and event streams resumed without a
 * repeated or missing id. Another replica leads within 2 s of each fault.
 */
const ACME_USERS = 20_000;
const ACTIVATION_DELAY_MS = 1_000;
const TAKEOVER_LIMIT_MS = 2_000;

let postgres: OwnPostgres;
let cluster: Awaited<ReturnType<typeof startReplicaProcesses>>;
let acme: SignedIn;
let globex: SignedIn;

beforeAll(async () => {
  postgres = await startOwnPostgres();
  cluster = await startReplicaProcesses(postgres.url, 3, {
    HUB_DEMO_USERS: String(ACME_USERS),
    HUB_DEMO_SEED: '14',
    HUB_ACTIVATION_DELAY_MS: String(ACTIVATION_DELAY_MS),
    HUB_TICK_MS: '50',
    HUB_DATABASE_POOL_MAX: '4',
    HUB_RATE_LIMIT_CHANGES: '100000',
    HUB_WEB_DIST: '/nonexistent',
    LOG_LEVEL: 'error',
  });
  acme = await signIn(cluster.replicas[0]!.url, 'admin@acme.example');
  globex = await signIn(cluster.replicas[1]!.url, 'admin@globex.example');
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
  await postgres?.stop();
}, 60_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks the replicas in turn until one answers other than 503 (a database outage) or not at all. */
async function call(
  replicas: ReplicaProcess[],
  path: string,
  init: RequestInit,
  timeoutMs = 30_000,
): Promise<Response> {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    const replica = replicas[attempt % replicas.length]!;
    try {
      const response = await fetch(`${replica.url}${path}`, {
        ...init,
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status !== 503) return response;
    } catch {
      // Down or frozen: the next one.
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${path}: no answer`);
    await sleep(100);
  }
}

async function readJob(replicas: ReplicaProcess[], id: string): Promise<Job> {
  const response = await call(replicas, `/api/v1/jobs/${id}`, { headers: acme.headers });
  expect(response.status).toBe(200);
  return Job.parse(await response.json());
}

async function startJob(replicas: ReplicaProcess[], request: BulkRequest): Promise<Job> {
  const response = await call(replicas, '/api/v1/users/bulk', {
    method: 'POST',
    headers: {
      ...acme.headers,
      'content-type': 'application/json',
      // Retried on another replica after an outage, it is still one job.
      [IDEMPOTENCY_KEY_HEADER]: `chaos-${crypto.randomUUID()}`,
    },
    body: JSON.stringify(request),
  });
  expect([200, 202]).toContain(response.status);
  return Job.parse(await response.json());
}

async function untilCompleted(replicas: ReplicaProcess[], id: string, timeoutMs: number) {
  const started = performance.now();
  for (;;) {
    const job = await readJob(replicas, id);
    if (job.state === 'completed') return job;
    if (performance.now() - started > timeoutMs) throw new Error(`job ${job.summary} too long`);
    await sleep(200);
  }
}

/** The one replica leading now (waits for there to be one, up to `timeoutMs`). */
async function leaderAfter(
  accept: (leader: { port: number; pid: number }) => boolean,
  timeoutMs: number,
): Promise<{ port: number; pid: number; ms: number }> {
  const started = performance.now();
  for (;;) {
    const leaders = await timedWorkLeaders(postgres.pool).catch(() => []);
    expect(leaders.length).toBeLessThanOrEqual(1);
    if (leaders.length === 1 && accept(leaders[0]!)) {
      return { ...leaders[0]!, ms: Math.round(performance.now() - started) };
    }
    if (performance.now() - started > timeoutMs) throw new Error('no leader took over');
    await sleep(20);
  }
}

/**
 * Single Reactivate User requests, one per Globex user (a user still Pending would be answered
 * 200 with nothing to do, and no history line), one after another through `replicas` until
 * stopped or done: which of them were answered 200 (acknowledged).
 */
function reactivateMeanwhile(replicas: () => ReplicaProcess[], userIds: string[]) {
  const acknowledged = new Set<string>();
  let stopped = false;
  let sent = 0;
  const running = (async () => {
    for (let i = 0; !stopped && i < userIds.length; i++) {
      const userId = userIds[i]!;
      const targets = replicas();
      const replica = targets[i % targets.length]!;
      sent++;
      try {
        const response = await fetch(`${replica.url}/api/v1/users/${userId}/reactivate`, {
          method: 'POST',
          headers: globex.headers,
          signal: AbortSignal.timeout(5_000),
        });
        await response.arrayBuffer();
        if (response.status === 200) acknowledged.add(userId);
      } catch {
        // Not acknowledged: nothing is promised.
      }
      await sleep(150);
    }
  })();
  return {
    acknowledged,
    get sent() {
      return sent;
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

interface Fault {
  name: string;
  /** Breaks the leader; resolves when the fault is in place. */
  inject(leader: ReplicaProcess, pid: number): Promise<void>;
  /** Whether the leader after the fault may be the same replica (it kept running). */
  sameMayLead: boolean;
  /** Undoes what must be undone once another replica leads. */
  repair?(leader: ReplicaProcess): Promise<void>;
  /** Whether the leader's own streams drop (the others' keep running). */
  leaderGone: boolean;
}

const figures: Record<string, unknown>[] = [];

async function scenario(fault: Fault) {
  const { replicas } = cluster;
  const sql = postgres.pool;
  const startedAt = Date.now();
  const old = await leaderAfter(() => true, 5_000);
  const leader = replicas.find((r) => r.port === old.port)!;
  const survivors = replicas.filter((r) => r !== leader);

  // Every Acme user off first, so that the activation has all 20,000 to do.
  const off = await startJob(survivors, { action: 'deactivate', selection: { kind: 'filter' } });
  await untilCompleted(survivors, off.id, 60_000);

  const globexUsers = (
    await sql.query<{ id: string }>(
      `SELECT id FROM users WHERE org_id = 'globex' AND message_service_enabled
          AND status IN ('Active', 'Error') ORDER BY random() LIMIT 100`,
    )
  ).rows.map((row) => row.id);
  expect(globexUsers.length).toBeGreaterThan(50);

  // One stream on a replica that survives, one on the leader that resumes on a survivor.
  let leaderDown = false;
  const staying = resumeEventStream(() => survivors[0]!.url, acme.headers);
  const moving = resumeEventStream(() => (leaderDown ? survivors[1]! : leader).url, acme.headers);
  const reactivations = reactivateMeanwhile(() => survivors, globexUsers);

  const stopTraffic = async () => {
    await reactivations.stop();
    await Promise.all([staying.close(), moving.close()]);
    // A test failing mid-way leaves no frozen replica behind.
    leader.child.kill('SIGCONT');
  };
  let job: Job;
  let done: Job;
  let atFault: Job;
  let next: { port: number; ms: number };
  let injectMs: number;
  try {
    job = await startJob(survivors, { action: 'activate', selection: { kind: 'filter' } });
    expect(job.total).toBe(ACME_USERS);
    // The fault strikes mid-job: after the leader has written some of it, long before the end.
    do {
      atFault = await readJob(survivors, job.id);
      await sleep(20);
    } while (atFault.processed === 0);
    expect(atFault.state).not.toBe('completed');
    const injecting = performance.now();
    await fault.inject(leader, old.pid);
    injectMs = Math.round(performance.now() - injecting);
    leaderDown = fault.leaderGone;
    if (fault.leaderGone) moving.reconnect();
    // From the fault (from the server's being back, after a restart) to a leader again.
    next = await leaderAfter(
      (candidate) => (fault.sameMayLead ? candidate.pid !== old.pid : candidate.port !== old.port),
      10_000,
    );
    await fault.repair?.(leader);

    done = await untilCompleted(survivors, job.id, 120_000);
    await stopTraffic();
    // Reactivated users turn at the end of their delay; the leader's loop then finds them due.
    await sleep(ACTIVATION_DELAY_MS + 1_000);
  } finally {
    await stopTraffic();
  }
  // A killed replica starts again for the next scenario.
  if (leader.child.exitCode !== null || leader.child.signalCode !== null) {
    await cluster.restart(leader);
  }

  // The job: every item has an outcome, and the counters are the items' own count.
  expect(done.processed).toBe(ACME_USERS);
  expect(done.settled).toBe(ACME_USERS);
  expect(done.succeeded + done.failed + done.unchanged).toBe(ACME_USERS);
  const items = await sql.query<{ state: string; status: string; n: number }>(
    `SELECT i.state, u.status, count(*) AS n FROM job_items i
       JOIN users u ON u.org_id = 'acme' AND u.id = i.user_id
      WHERE i.job_id = $1 GROUP BY 1, 2`,
    [job.id],
  );
  const byState = (state: string) =>
    items.rows.filter((row) => row.state === state).reduce((sum, row) => sum + row.n, 0);
  expect(byState('succeeded')).toBe(done.succeeded);
  expect(byState('failed')).toBe(done.failed);
  expect(byState('unchanged')).toBe(done.unchanged);
  // Each outcome is where its user really is.
  for (const row of items.rows) {
    expect(`${row.state}: ${row.status}`).toMatch(/^(succeeded: Active|failed: Error)$/);
  }

  // Nobody Pending past the delay; the totals the list shows are a recount.
  const pending = await sql.query<{ n: number }>(
    `SELECT count(*) AS n FROM users WHERE status = 'Pending'`,
  );
  expect(pending.rows[0]!.n).toBe(0);
  const totals = await sql.query<{ org_id: string; kept: number; counted: number }>(
    `SELECT coalesce(c.org_id, r.org_id) AS org_id, c.status_rank,
            coalesce(c.n, 0) AS kept, coalesce(r.n, 0) AS counted
       FROM user_status_counts c
       FULL JOIN (SELECT org_id, status_rank, count(*) AS n FROM users GROUP BY 1, 2) r
         ON r.org_id = c.org_id AND r.status_rank = c.status_rank`,
  );
  for (const row of totals.rows) expect(row.kept, JSON.stringify(row)).toBe(row.counted);

  // Every acknowledged reactivation has its history line and its audit entry.
  expect(reactivations.acknowledged.size).toBeGreaterThan(0);
  for (const userId of reactivations.acknowledged) {
    const found = await sql.query<{ history: number; audit: number }>(
      `SELECT (SELECT count(*) FROM history WHERE org_id = 'globex' AND user_id = $1
                 AND at >= $2 AND to_status = 'Pending' AND actor <> 'system') AS history,
              (SELECT count(*) FROM audit_entries WHERE org_id = 'globex' AND target_id = $1
                 AND at >= $2 AND action = 'reactivateUser' AND outcome = 'succeeded') AS audit`,
      [userId, startedAt],
    );
    expect(found.rows[0]!.history, userId).toBe(1);
    // At least once: a write retried after a commit whose reply was lost may leave two.
    expect(found.rows[0]!.audit, userId).toBeGreaterThanOrEqual(1);
  }

  // Both streams: ids strictly increasing across reconnections, and none missing.
  for (const stream of [staying, moving]) expectResumed(stream);
  await expectComplete(staying);
  await expectComplete(moving);

  figures.push({
    fault: fault.name,
    takeoverMs: next.ms,
    processedAtFault: atFault.processed,
    injectMs,
    activationSeconds: (Date.parse(done.finishedAt!) - Date.parse(done.createdAt)) / 1000,
    scenarioSeconds: Math.round((Date.now() - startedAt) / 100) / 10,
    summary: done.summary,
    reactivationsSent: reactivations.sent,
    reactivationsAcknowledged: reactivations.acknowledged.size,
    streamEvents: [staying.events.length, moving.events.length],
    streamConnections: [staying.connections, moving.connections],
    newLeader: next.port === old.port ? 'same replica' : 'another replica',
  });
  expect(next.ms).toBeLessThan(TAKEOVER_LIMIT_MS);
}

function expectResumed(stream: ResumingEventStream) {
  expect(stream.events.length).toBeGreaterThan(0);
  expect(stream.events.filter((e) => e.event === 'resync')).toEqual([]);
  const ids = stream.events.map((e) => e.id);
  for (let i = 1; i < ids.length; i++) {
    if (!(ids[i]! > ids[i - 1]!)) expect.fail(`event id ${ids[i]} after ${ids[i - 1]}`);
  }
}

/** Between its first and last event, the stream got every event Acme's outbox holds. */
async function expectComplete(stream: ResumingEventStream) {
  const ids = stream.events.map((e) => e.id);
  const { rows } = await postgres.pool.query<{ seq: number }>(
    `SELECT seq FROM events WHERE org_id = 'acme' AND seq BETWEEN $1 AND $2 ORDER BY seq`,
    [ids[0], ids.at(-1)],
  );
  expect(ids).toEqual(rows.map((row) => row.seq));
}

const FAULTS: (Fault & { title: string })[] = [
  {
    title: 'killed with kill -9: another replica takes over and finishes the job',
    name: 'kill -9',
    sameMayLead: false,
    leaderGone: true,
    // The takeover counts from the signal: the process's death is part of it.
    inject: async (leader) => void leader.child.kill('SIGKILL'),
  },
  {
    title: 'frozen with SIGSTOP: a follower ends its leadership connection and takes over',
    name: 'SIGSTOP',
    sameMayLead: false,
    leaderGone: true,
    inject: async (leader) => void leader.child.kill('SIGSTOP'),
    // Woken after the takeover, it finds its connection gone and follows; meanwhile a
    // transaction it froze in holds Acme's lock, so the job waits for it.
    repair: async (leader) => {
      await sleep(1_000);
      leader.child.kill('SIGCONT');
    },
  },
  {
    title: 'cut off by pg_terminate_backend of its leadership connection',
    name: 'pg_terminate_backend',
    sameMayLead: true,
    leaderGone: false,
    inject: async (_, pid) =>
      void (await postgres.pool.query('SELECT pg_terminate_backend($1)', [pid])),
  },
  {
    title: 'through a PostgreSQL restart (fast shutdown, then start)',
    name: 'PostgreSQL restart',
    sameMayLead: true,
    leaderGone: false,
    inject: () => postgres.restart(),
  },
];

describe('a bulk activation of 20,000 users survives its leader', () => {
  afterAll(() => {
    console.info(`replica chaos:\n${figures.map((f) => JSON.stringify(f)).join('\n')}`);
  });
  for (const fault of FAULTS) it(fault.title, () => scenario(fault), 180_000);
});
