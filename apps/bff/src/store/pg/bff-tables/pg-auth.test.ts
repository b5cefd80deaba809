import { afterEach, describe, expect, it } from 'vitest';
import { describeAuthStore, describeWindowCounters } from '../../bff-tables/auth-store-suite.ts';
import { freshBffTables } from './fresh-bff-tables.ts';
import { PgAuthStore } from './pg-auth.ts';
import { PgWindowCounters } from './pg-window-counters.ts';

async function openPgAuth() {
  const tables = await freshBffTables();
  return { store: new PgAuthStore(tables.pool), close: () => tables.drop() };
}

describeWindowCounters('PostgreSQL (the sign-in throttle)', openPgAuth);
describeWindowCounters('PostgreSQL (the API rate limits)', async () => {
  const tables = await freshBffTables();
  return {
    store: new PgWindowCounters(tables.pool, 'rate_limit_counters'),
    close: () => tables.drop(),
  };
});
describeAuthStore('PostgreSQL', openPgAuth);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((drop) => drop()));
});

async function twoReplicas() {
  const tables = await freshBffTables();
  cleanups.push(tables.drop);
  return { tables, one: tables.pool, other: tables.replica() };
}

describe('sessions and counters shared by two replicas', () => {
  it('finds through one replica the session made through the other, and ends it everywhere', async () => {
    const { one, other } = await twoReplicas();
    const [first, second] = [new PgAuthStore(one), new PgAuthStore(other)];
    await first.insertAdmin({
      id: 'admin-ann',
      orgId: 'acme',
      email: 'ann@acme.example',
      name: 'Ann',
      role: 'full-admin',
      passwordHash: 'hash',
      createdAt: 0,
    });
    const session = {
      idHash: 'hash-1',
      adminId: 'admin-ann',
      csrfToken: 'csrf',
      createdAt: 1000,
      lastSeenAt: 1000,
      expiresAt: 9000,
    };
    await first.insertSession(session);
    expect((await second.findSession('hash-1'))?.admin.email).toBe('ann@acme.example');
    await second.touchSession('hash-1', 2000);
    expect((await first.findSession('hash-1'))?.lastSeenAt).toBe(2000);
    await second.deleteSession('hash-1');
    expect(await first.findSession('hash-1')).toBeUndefined();
  });

  it.each(['sign_in_attempts', 'rate_limit_counters'] as const)(
    'counts in %s every hit from both, however they interleave',
    async (table) => {
      const { one, other } = await twoReplicas();
      const replicas = [new PgWindowCounters(one, table), new PgWindowCounters(other, table)];
      const counts = await Promise.all(
        Array.from({ length: 60 }, (_, i) => replicas[i % 2]!.countAttempt('address:a', 0, 60_000)),
      );
      // Each hit got its own number: none lost, none counted twice.
      expect(counts.map((c) => c.hits).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
      expect(await replicas[0]!.readAttempts('address:a', 1)).toEqual({
        hits: 60,
        resetAt: 60_000,
      });
    },
  );
});
