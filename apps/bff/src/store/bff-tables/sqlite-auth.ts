import type Database from 'better-sqlite3';
import type {
  AttemptCount,
  AuthStore,
  SessionWithAdmin,
  StoredSession,
} from '../../auth/auth-store.ts';
import {
  accountOf,
  ADMIN_COLUMNS,
  SESSION_COLUMNS,
  sessionOf,
  type AdminRow,
  type SessionRow,
} from './admin-rows.ts';
import { preparedPerConnection } from './prepared-statements.ts';
import type { SqliteStore } from '../engine-store/sqlite-store.ts';

function statementsFor(db: Database.Database) {
  return {
    findAdmin: db.prepare<[string], AdminRow>(
      `SELECT ${ADMIN_COLUMNS} FROM admins a WHERE a.email = ?`,
    ),
    insertAdmin: db.prepare(
      `INSERT INTO admins (id, org_id, email, name, role, password_hash, created_at)
       VALUES (@id, @orgId, @email, @name, @role, @passwordHash, @createdAt)`,
    ),
    countAdmins: db.prepare<[], number>('SELECT count(*) FROM admins').pluck(),
    insertSession: db.prepare(
      `INSERT INTO sessions (id_hash, admin_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES (@idHash, @adminId, @csrfToken, @createdAt, @lastSeenAt, @expiresAt)`,
    ),
    findSession: db.prepare<[string], SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions s JOIN admins a ON a.id = s.admin_id
       WHERE s.id_hash = ?`,
    ),
    touchSession: db.prepare<[number, string, number]>(
      'UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?',
    ),
    deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?'),
    deleteExpired: db.prepare<[number, number]>(
      'DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?',
    ),
    // One statement: two processes counting the same key at once cannot lose an attempt.
    countAttempt: db.prepare<[{ key: string; now: number; windowMs: number }], AttemptCount>(
      `INSERT INTO sign_in_attempts (key, hits, reset_at) VALUES (@key, 1, @now + @windowMs)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN reset_at <= @now THEN 1 ELSE hits + 1 END,
         reset_at = CASE WHEN reset_at <= @now THEN @now + @windowMs ELSE reset_at END
       RETURNING hits, reset_at AS resetAt`,
    ),
    readAttempts: db.prepare<[string, number], AttemptCount>(
      'SELECT hits, reset_at AS resetAt FROM sign_in_attempts WHERE key = ? AND reset_at > ?',
    ),
    forgetAttempt: db.prepare<[string]>(
      'UPDATE sign_in_attempts SET hits = max(hits - 1, 0) WHERE key = ?',
    ),
    resetAttempts: db.prepare<[string]>('DELETE FROM sign_in_attempts WHERE key = ?'),
    pruneAttempts: db.prepare<[number]>('DELETE FROM sign_in_attempts WHERE reset_at <= ?'),
  };
}

/**
 * Administrators, sessions and sign-in counters in the store's SQLite database (migration 7),
 * run on its connection in turn with the engine's transactions.
 */
export function sqliteAuthStore(store: SqliteStore): AuthStore {
  const on = preparedPerConnection(statementsFor);
  const read = <T>(operation: (s: ReturnType<typeof statementsFor>) => T) =>
    store.useConnection((db) => operation(on(db)), 'read');
  const write = <T>(operation: (s: ReturnType<typeof statementsFor>) => T) =>
    store.useConnection((db) => operation(on(db)), 'write');

  return {
    findAdminByEmail: (email) =>
      read((s) => {
        const row = s.findAdmin.get(email.toLowerCase());
        return row && accountOf(row);
      }),
    insertAdmin: (account) =>
      write((s) => {
        s.insertAdmin.run({ ...account, email: account.email.toLowerCase() });
      }),
    countAdmins: () => read((s) => s.countAdmins.get() ?? 0),

    insertSession: (session: StoredSession) =>
      write((s) => {
        s.insertSession.run(session);
      }),
    findSession: (idHash) =>
      read((s): SessionWithAdmin | undefined => {
        const row = s.findSession.get(idHash);
        return row && sessionOf(row);
      }),
    touchSession: (idHash, at) =>
      write((s) => {
        s.touchSession.run(at, idHash, at);
      }),
    deleteSession: (idHash) =>
      write((s) => {
        s.deleteSession.run(idHash);
      }),
    deleteExpiredSessions: (now, idleBefore) =>
      write((s) => s.deleteExpired.run(now, idleBefore).changes),

    countAttempt: (key, now, windowMs) => write((s) => s.countAttempt.get({ key, now, windowMs })!),
    readAttempts: (key, now) => read((s) => s.readAttempts.get(key, now)),
    forgetAttempt: (key) =>
      write((s) => {
        s.forgetAttempt.run(key);
      }),
    resetAttempts: (key) =>
      write((s) => {
        s.resetAttempts.run(key);
      }),
    pruneAttempts: (now) => write((s) => s.pruneAttempts.run(now).changes),
  };
}
