import {
  AuditListResponse,
  IDEMPOTENCY_KEY_HEADER,
  Job,
  UserDetail,
  UserListResponse,
} from '@hybrid-hub/contract';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { startBff, type RunningBff } from './start.ts';
import { openEventStream } from './testing/event-stream-client.ts';
import { signIn, type SignedIn } from './testing/sign-in.ts';
import { freshPgSchema } from './testing/test-postgres.ts';

let schema: Awaited<ReturnType<typeof freshPgSchema>>;
let replicas: RunningBff[];
let admin: SignedIn;
const closed = new Set<RunningBff>();

/** Three BFFs started at once on one empty PostgreSQL schema, as three replicas would be. */
beforeAll(async () => {
  schema = await freshPgSchema({ max: 1 });
  const config = readConfig({
    PORT: '0',
    HUB_DATABASE_URL: schema.url,
    HUB_DATABASE_SCHEMA: schema.schema,
    HUB_DATABASE_POOL_MAX: '4',
    HUB_DEMO_USERS: '2000',
    HUB_DEMO_SEED: '11',
    HUB_WEB_DIST: '/nonexistent',
    HUB_TICK_MS: '50',
    HUB_RATE_LIMIT_UNAUTHORIZED: '4',
    HUB_SIGN_IN_LIMIT_ACCOUNT: '3',
  });
  const logger = pino({ level: 'silent' });
  // The streams' backstop poll is made too slow to matter: events reach another replica's
  // streams through LISTEN/NOTIFY or not at all.
  const eventStreamTiming = { pollMs: 60_000, heartbeatMs: 15_000 };
  const started = await Promise.allSettled(
    [1, 2, 3].map(() => startBff(config, { logger, checkResponses: true, eventStreamTiming })),
  );
  replicas = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  admin = await signIn(replicas[0]!.url, 'admin@acme.example');
}, 120_000);
afterAll(async () => {
  await Promise.all((replicas ?? []).filter((bff) => !closed.has(bff)).map((bff) => bff.close()));
  await schema?.drop();
});

const get = async <T>(bff: RunningBff, path: string, parse: { parse(v: unknown): T }) => {
  const response = await fetch(`${bff.url}${path}`, { headers: admin.headers });
  expect(response.status, path).toBe(200);
  return parse.parse(await response.json());
};

describe('the BFF on PostgreSQL, three replicas on one database', () => {
  it('migrates and seeds the demo exactly once, whichever replica gets there first', async () => {
    expect(replicas.map((bff) => bff.sqlite)).toEqual([undefined, undefined, undefined]);
    expect(replicas.filter((bff) => bff.seeded)).toHaveLength(1);
    expect(replicas.filter((bff) => bff.seededDemoAdmins)).toHaveLength(1);
    expect((await replicas[2]!.store.listOrganizations()).map((o) => o.id).sort()).toEqual([
      'acme',
      'globex',
    ]);
    expect(await replicas[1]!.auth.countAdmins()).toBeGreaterThan(0);
  });

  it('serves a session made on one replica on the others: reads users, reactivates one', async () => {
    const errors = await get(replicas[1]!, '/api/v1/users?status=Error', UserListResponse);
    expect(errors.total).toBeGreaterThan(0);
    const userId = errors.items[0]!.id;

    const reactivated = await fetch(`${replicas[2]!.url}/api/v1/users/${userId}/reactivate`, {
      method: 'POST',
      headers: admin.headers,
    });
    expect(reactivated.status).toBe(200);
    expect(UserDetail.parse(await reactivated.json()).status).not.toBe('Error');

    const user = await get(replicas[0]!, `/api/v1/users/${userId}`, UserDetail);
    expect(user.status).not.toBe('Error');
    // The audit log is one for all: the entry written on the third replica is read on the first.
    const audit = await get(replicas[0]!, '/api/v1/audit?action=reactivateUser', AuditListResponse);
    expect(audit.items.map((e) => e.target?.id)).toContain(userId);
  });

  it('answers a bulk request retried on another replica with the job the first one started', async () => {
    const errors = await get(
      replicas[0]!,
      '/api/v1/users?status=Error&pageSize=3',
      UserListResponse,
    );
    const body = JSON.stringify({
      action: 'reactivate',
      selection: { kind: 'ids', ids: errors.items.map((u) => u.id) },
    });
    const post = (bff: RunningBff) =>
      fetch(`${bff.url}/api/v1/users/bulk`, {
        method: 'POST',
        headers: {
          ...admin.headers,
          'content-type': 'application/json',
          [IDEMPOTENCY_KEY_HEADER]: 'retried-on-another-replica',
        },
        body,
      });
    const first = await post(replicas[0]!);
    expect(first.status).toBe(202);
    const retry = await post(replicas[1]!);
    expect(retry.status).toBe(200);
    expect(Job.parse(await retry.json()).id).toBe(Job.parse(await first.json()).id);
  });

  it('counts limits across replicas: one address, one account, wherever its requests land', async () => {
    const unauthorized = (i: number) =>
      fetch(`${replicas[i % 3]!.url}/api/v1/users`, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
    for (let i = 0; i < 4; i++) expect((await unauthorized(i)).status).toBe(401);
    expect((await unauthorized(4)).status).toBe(429);

    const wrongPassword = (i: number) =>
      fetch(`${replicas[i % 3]!.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.10' },
        body: JSON.stringify({ email: 'support@acme.example', password: 'not the password' }),
      });
    for (let i = 0; i < 3; i++) expect((await wrongPassword(i)).status).toBe(401);
    expect((await wrongPassword(3)).status).toBe(429);
  });

  it('streams to a browser on one replica the change made on another, within a second', async () => {
    const stream = await openEventStream(`${replicas[1]!.url}/api/v1/events`, admin.headers);
    try {
      const errors = await get(replicas[2]!, '/api/v1/users?status=Error', UserListResponse);
      const userId = errors.items.at(-1)!.id;
      const sent = performance.now();
      const response = await fetch(`${replicas[0]!.url}/api/v1/users/${userId}/reactivate`, {
        method: 'POST',
        headers: admin.headers,
      });
      expect(response.status).toBe(200);
      await stream.waitFor(
        (message) => message.event === 'users.changed' && message.data.includes(userId),
        1_000,
      );
      expect(performance.now() - sent).toBeLessThan(1_000);
    } finally {
      stream.close();
    }
  });

  it('runs the timed work on exactly one replica, and another takes over within 2 s', async () => {
    const leaders = () => replicas.filter((bff) => !closed.has(bff) && bff.leading);
    for (let sample = 0; sample < 20; sample++) {
      expect(leaders()).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const [leader] = leaders();
    closed.add(leader!);
    await leader!.close();
    const started = performance.now();
    while (leaders().length === 0 && performance.now() - started < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(leaders()).toHaveLength(1);
    expect(leaders()[0]).not.toBe(leader);
  });
});
