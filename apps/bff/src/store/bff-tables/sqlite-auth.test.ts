import { describe, expect, it } from 'vitest';
import type { SignInAttemptStore } from '../../auth/auth-store.ts';
import { MemoryCounters } from '../../middleware/rate-limit.ts';
import { sqliteAuthStore } from './sqlite-auth.ts';
import { openSqliteStore } from '../engine-store/sqlite-store.ts';

const MINUTE = 60_000;

describe.each([
  ['SQLite (the sign-in throttle)', () => sqliteAuthStore(openSqliteStore(':memory:'))],
  ['memory (the API rate limits)', () => new MemoryCounters()],
])('attempt counters in %s', (_name, open: () => SignInAttemptStore) => {
  it('prunes the windows that have ended, and only those', async () => {
    const counters = open();
    await counters.countAttempt('address:10.0.0.1', 0, 15 * MINUTE);
    await counters.countAttempt('address:10.0.0.2', 0, 15 * MINUTE);
    await counters.countAttempt('account:ann@acme.example', 10 * MINUTE, 15 * MINUTE);
    await counters.countAttempt('account:ann@acme.example', 11 * MINUTE, 15 * MINUTE);

    expect(await counters.pruneAttempts(14 * MINUTE)).toBe(0);
    expect(await counters.pruneAttempts(15 * MINUTE)).toBe(2);
    expect(await counters.readAttempts('account:ann@acme.example', 15 * MINUTE)).toEqual({
      hits: 2,
      resetAt: 25 * MINUTE,
    });
    // A pruned key starts a new window at its next attempt, as an ended one would have.
    expect(await counters.countAttempt('address:10.0.0.1', 16 * MINUTE, 15 * MINUTE)).toEqual({
      hits: 1,
      resetAt: 31 * MINUTE,
    });
    expect(await counters.pruneAttempts(25 * MINUTE)).toBe(1);
  });
});
