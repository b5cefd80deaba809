import { describe, expect, it } from 'vitest';
import type { AdminAccount, AuthStore, SignInAttemptStore } from '../../auth/auth-store.ts';

const MINUTE = 60_000;

/** A store of the suite's, and how to end it. */
export interface Opened<S> {
  store: S;
  close(): Promise<void>;
}

/** Fixed-window counters, the same wherever they live (sign-in throttle, API limits). */
export function describeWindowCounters(
  name: string,
  open: () => Promise<Opened<SignInAttemptStore>>,
): void {
  describe(`attempt counters in ${name}`, () => {
    it('prunes the windows that have ended, and only those', async () => {
      const { store: counters, close } = await open();
      try {
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
      } finally {
        await close();
      }
    });

    it('takes an attempt back, never below none, and forgets a key on reset', async () => {
      const { store: counters, close } = await open();
      try {
        await counters.countAttempt('account:bob@acme.example', 0, MINUTE);
        await counters.countAttempt('account:bob@acme.example', 1000, MINUTE);
        await counters.forgetAttempt('account:bob@acme.example');
        expect(await counters.readAttempts('account:bob@acme.example', 2000)).toEqual({
          hits: 1,
          resetAt: MINUTE,
        });
        await counters.forgetAttempt('account:bob@acme.example');
        await counters.forgetAttempt('account:bob@acme.example');
        expect(await counters.readAttempts('account:bob@acme.example', 2000)).toEqual({
          hits: 0,
          resetAt: MINUTE,
        });
        // An ended window reads as none, and the next count starts a new one.
        expect(await counters.readAttempts('account:bob@acme.example', MINUTE)).toBeUndefined();
        expect(await counters.countAttempt('account:bob@acme.example', MINUTE, MINUTE)).toEqual({
          hits: 1,
          resetAt: 2 * MINUTE,
        });
        await counters.resetAttempts('account:bob@acme.example');
        expect(await counters.readAttempts('account:bob@acme.example', MINUTE)).toBeUndefined();
      } finally {
        await close();
      }
    });
  });
}

const ANN: AdminAccount = {
  id: 'admin-ann',
  orgId: 'acme',
  email: 'ann@acme.example',
  name: 'Ann',
  role: 'full-admin',
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  createdAt: 1_000,
};

/** Administrators and sessions (an organization `acme` exists). */
export function describeAuthStore(name: string, open: () => Promise<Opened<AuthStore>>): void {
  describe(`administrators and sessions in ${name}`, () => {
    it('finds an administrator by email whatever its case, and counts them', async () => {
      const { store, close } = await open();
      try {
        expect(await store.countAdmins()).toBe(0);
        await store.insertAdmin({ ...ANN, email: 'Ann@Acme.example' });
        expect(await store.findAdminByEmail('ANN@acme.EXAMPLE')).toEqual(ANN);
        expect(await store.findAdminByEmail('bob@acme.example')).toBeUndefined();
        expect(await store.countAdmins()).toBe(1);
        // One account per address, whatever the case it is given in.
        await expect(
          store.insertAdmin({ ...ANN, id: 'admin-ann-2', email: 'ANN@acme.example' }),
        ).rejects.toThrow();
      } finally {
        await close();
      }
    });

    it('keeps a session with its account, touches it forward only, and sweeps ended ones', async () => {
      const { store, close } = await open();
      try {
        await store.insertAdmin(ANN);
        const session = {
          idHash: 'hash-1',
          adminId: ANN.id,
          csrfToken: 'csrf-1',
          createdAt: 10_000,
          lastSeenAt: 10_000,
          expiresAt: 100_000,
        };
        await store.insertSession(session);
        await store.insertSession({ ...session, idHash: 'hash-2', expiresAt: 50_000 });
        expect(await store.findSession('hash-1')).toEqual({ ...session, admin: ANN });
        expect(await store.findSession('hash-3')).toBeUndefined();

        await store.touchSession('hash-1', 20_000);
        await store.touchSession('hash-1', 15_000);
        expect((await store.findSession('hash-1'))?.lastSeenAt).toBe(20_000);

        // hash-2 reached its absolute end; hash-1 was seen after the idle limit.
        expect(await store.deleteExpiredSessions(50_000, 19_000)).toBe(1);
        expect(await store.findSession('hash-2')).toBeUndefined();
        expect(await store.deleteExpiredSessions(60_000, 20_001)).toBe(1);
        expect(await store.findSession('hash-1')).toBeUndefined();

        await store.insertSession({ ...session, idHash: 'hash-4' });
        await store.deleteSession('hash-4');
        expect(await store.findSession('hash-4')).toBeUndefined();
      } finally {
        await close();
      }
    });
  });
}
