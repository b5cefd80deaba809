import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '@hybrid-hub/engine';
import type { AdminAccount, AuthStore, SessionWithAdmin } from './auth-store.ts';
import { verifyDecoy, verifyPassword } from './passwords.ts';

export interface SessionTimeouts {
  /** The session ends after this long without a request. */
  idleMs: number;
  /** … and this long after sign-in, whatever the activity. */
  absoluteMs: number;
}

/**
 * Last-seen times are written at most this often per session: a request a second would otherwise
 * be a write a second, and idle expiry measured in minutes does not need the exact second.
 */
const TOUCH_EVERY_MS = 60_000;

/** The cookie carries a random token; the store only its SHA-256. */
export function sessionIdHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface OpenedSession {
  /** The cookie's value: handed to the browser once, never stored. */
  token: string;
  session: SessionWithAdmin;
}

export interface SessionManager {
  readonly timeouts: SessionTimeouts;
  /**
   * Checks the credentials and opens a NEW session (a session id presented before sign-in is
   * ended, never promoted: no fixation). Undefined when the email or password is wrong, with no
   * difference between the two.
   */
  signIn(
    email: string,
    password: string,
    previousToken?: string,
  ): Promise<OpenedSession | undefined>;
  /** The live session a cookie names, or undefined (unknown, signed out, idle, too old). */
  resolve(token: string): Promise<SessionWithAdmin | undefined>;
  /** Whether the session still lives, without counting as activity (an open event stream). */
  isLive(token: string): Promise<boolean>;
  signOut(token: string): Promise<void>;
  /** Deletes ended sessions (they are refused anyway; this keeps the table small). */
  sweep(): Promise<number>;
}

export function createSessionManager({
  store,
  clock,
  timeouts,
  onTouchFailed,
}: {
  store: AuthStore;
  /** Wall-clock time: not the engine's simulation clock, which the Lab may move forward. */
  clock: Clock;
  timeouts: SessionTimeouts;
  onTouchFailed?: (error: unknown) => void;
}): SessionManager {
  const isLive = (session: SessionWithAdmin, now: number) =>
    now < session.expiresAt && now - session.lastSeenAt < timeouts.idleMs;

  return {
    timeouts,

    async signIn(email, password, previousToken) {
      const account: AdminAccount | undefined = await store.findAdminByEmail(email.trim());
      const valid = account
        ? await verifyPassword(account.passwordHash, password)
        : await verifyDecoy(password);
      if (!account || !valid) return undefined;
      if (previousToken) await store.deleteSession(sessionIdHash(previousToken));
      const token = randomToken();
      const now = clock.now();
      const session: SessionWithAdmin = {
        idHash: sessionIdHash(token),
        adminId: account.id,
        csrfToken: randomToken(),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: now + timeouts.absoluteMs,
        admin: account,
      };
      const { admin: _admin, ...stored } = session;
      await store.insertSession(stored);
      return { token, session };
    },

    async resolve(token) {
      const idHash = sessionIdHash(token);
      const session = await store.findSession(idHash);
      if (!session) return undefined;
      const now = clock.now();
      if (!isLive(session, now)) {
        await store.deleteSession(idHash);
        return undefined;
      }
      if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
        // Not awaited: the request need not wait behind the engine's transactions for a write
        // whose only effect is to push the idle deadline back.
        store.touchSession(idHash, now).catch((error: unknown) => onTouchFailed?.(error));
      }
      return session;
    },

    async isLive(token) {
      const session = await store.findSession(sessionIdHash(token));
      return session !== undefined && isLive(session, clock.now());
    },

    signOut: (token) => store.deleteSession(sessionIdHash(token)),

    sweep() {
      const now = clock.now();
      return store.deleteExpiredSessions(now, now - timeouts.idleMs);
    },
  };
}
