import type { AdminRole } from '@hybrid-hub/contract';

/**
 * The ports sign-in and sessions are stored behind. Asynchronous, like the engine's Store, so a
 * PostgreSQL implementation (several replicas sharing sessions and sign-in counters) fits the
 * same interface as the SQLite one.
 */

export interface AdminAccount {
  id: string;
  orgId: string;
  /** Lower-cased: addresses are matched without regard to case. */
  email: string;
  name: string;
  role: AdminRole;
  /** A PHC string (`$argon2id$…`): algorithm, parameters, salt and hash together. */
  passwordHash: string;
  createdAt: number;
}

export interface AdminAccountStore {
  findAdminByEmail(email: string): Promise<AdminAccount | undefined>;
  insertAdmin(account: AdminAccount): Promise<void>;
  countAdmins(): Promise<number>;
}

export interface StoredSession {
  /** SHA-256 of the cookie's value (hex): the value itself is never stored. */
  idHash: string;
  adminId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end, whatever the activity. */
  expiresAt: number;
}

/** A session with the account it belongs to, as one read on every request. */
export interface SessionWithAdmin extends StoredSession {
  admin: AdminAccount;
}

export interface SessionStore {
  insertSession(session: StoredSession): Promise<void>;
  findSession(idHash: string): Promise<SessionWithAdmin | undefined>;
  touchSession(idHash: string, at: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Removes sessions past their absolute end or idle since before `idleBefore`. */
  deleteExpiredSessions(now: number, idleBefore: number): Promise<number>;
}

export interface AttemptCount {
  hits: number;
  resetAt: number;
}

/** Counters of the sign-in throttle: fixed windows per key (an address, an account). */
export interface SignInAttemptStore {
  /** Counts one attempt; a key whose window has passed starts a new window at `now`. */
  countAttempt(key: string, now: number, windowMs: number): Promise<AttemptCount>;
  readAttempts(key: string, now: number): Promise<AttemptCount | undefined>;
  /** Takes back one attempt (it succeeded, and only failures count). */
  forgetAttempt(key: string): Promise<void>;
  resetAttempts(key: string): Promise<void>;
  /**
   * Deletes the counters whose window ended by `now` (a new attempt would start afresh anyway);
   * returns how many. Every address and account ever tried leaves one otherwise.
   */
  pruneAttempts(now: number): Promise<number>;
}

export type AuthStore = AdminAccountStore & SessionStore & SignInAttemptStore;
