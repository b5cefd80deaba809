import type {
  AdminAccount,
  AttemptCount,
  AuthStore,
  SessionWithAdmin,
  StoredSession,
} from '../../../auth/auth-store.ts';
import {
  accountOf,
  ADMIN_COLUMNS,
  SESSION_COLUMNS,
  sessionOf,
  type AdminRow,
  type SessionRow,
} from '../../bff-tables/admin-rows.ts';
import type { PgQueryable } from '../pg-queryable.ts';
import { PgWindowCounters } from './pg-window-counters.ts';

/**
 * Administrators, sessions and sign-in counters on PostgreSQL (migration 3): every replica reads
 * the sessions and counts the sign-in attempts the others wrote, so a session made through one
 * works on all, and the throttle counts failures wherever they land.
 */
export class PgAuthStore implements AuthStore {
  readonly #sql: PgQueryable;
  readonly #attempts: PgWindowCounters;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
    this.#attempts = new PgWindowCounters(sql, 'sign_in_attempts');
  }

  async findAdminByEmail(email: string): Promise<AdminAccount | undefined> {
    const { rows } = await this.#sql.query<AdminRow>(
      `SELECT ${ADMIN_COLUMNS} FROM admins a WHERE a.email = $1`,
      [email.toLowerCase()],
    );
    return rows[0] && accountOf(rows[0]);
  }
  async insertAdmin(account: AdminAccount): Promise<void> {
    await this.#sql.query(
      `INSERT INTO admins (id, org_id, email, name, role, password_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        account.id,
        account.orgId,
        account.email.toLowerCase(),
        account.name,
        account.role,
        account.passwordHash,
        account.createdAt,
      ],
    );
  }
  async countAdmins(): Promise<number> {
    const { rows } = await this.#sql.query<{ n: number }>('SELECT count(*) AS n FROM admins');
    return rows[0]!.n;
  }

  async insertSession(session: StoredSession): Promise<void> {
    await this.#sql.query(
      `INSERT INTO sessions (id_hash, admin_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        session.idHash,
        session.adminId,
        session.csrfToken,
        session.createdAt,
        session.lastSeenAt,
        session.expiresAt,
      ],
    );
  }
  async findSession(idHash: string): Promise<SessionWithAdmin | undefined> {
    const { rows } = await this.#sql.query<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions s JOIN admins a ON a.id = s.admin_id
       WHERE s.id_hash = $1`,
      [idHash],
    );
    return rows[0] && sessionOf(rows[0]);
  }
  async touchSession(idHash: string, at: number): Promise<void> {
    // Only forward: two replicas touching at once never move a session's last request back.
    await this.#sql.query(
      'UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1 AND last_seen_at < $2',
      [idHash, at],
    );
  }
  async deleteSession(idHash: string): Promise<void> {
    await this.#sql.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }
  async deleteExpiredSessions(now: number, idleBefore: number): Promise<number> {
    const result = await this.#sql.query(
      'DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2',
      [now, idleBefore],
    );
    return result.rowCount ?? 0;
  }

  countAttempt(key: string, now: number, windowMs: number): Promise<AttemptCount> {
    return this.#attempts.countAttempt(key, now, windowMs);
  }
  readAttempts(key: string, now: number): Promise<AttemptCount | undefined> {
    return this.#attempts.readAttempts(key, now);
  }
  forgetAttempt(key: string): Promise<void> {
    return this.#attempts.forgetAttempt(key);
  }
  resetAttempts(key: string): Promise<void> {
    return this.#attempts.resetAttempts(key);
  }
  pruneAttempts(now: number): Promise<number> {
    return this.#attempts.pruneAttempts(now);
  }
}
