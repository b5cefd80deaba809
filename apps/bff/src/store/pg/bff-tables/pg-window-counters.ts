import type { AttemptCount, SignInAttemptStore } from '../../../auth/auth-store.ts';
import type { PgQueryable } from '../pg-queryable.ts';

/** The tables that hold fixed-window counters (migration 3). */
export type CounterTable = 'sign_in_attempts' | 'rate_limit_counters';

/**
 * Fixed-window counters in a PostgreSQL table, shared by every replica: a count is one upsert
 * (one round trip, atomic however many replicas count the same key at once), read back with
 * RETURNING. The sign-in throttle's (`sign_in_attempts`) and the API limits'
 * (`rate_limit_counters`) are the same counters in two tables.
 */
export class PgWindowCounters implements SignInAttemptStore {
  readonly #sql: PgQueryable;
  readonly #count: string;
  readonly #read: string;
  readonly #forget: string;
  readonly #reset: string;
  readonly #prune: string;

  constructor(sql: PgQueryable, table: CounterTable) {
    this.#sql = sql;
    this.#count = `INSERT INTO ${table} AS c (key, hits, reset_at) VALUES ($1, 1, $2::bigint + $3)
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN c.reset_at <= $2 THEN 1 ELSE c.hits + 1 END,
        reset_at = CASE WHEN c.reset_at <= $2 THEN $2::bigint + $3 ELSE c.reset_at END
      RETURNING hits, reset_at AS "resetAt"`;
    this.#read = `SELECT hits, reset_at AS "resetAt" FROM ${table} WHERE key = $1 AND reset_at > $2`;
    this.#forget = `UPDATE ${table} SET hits = greatest(hits - 1, 0) WHERE key = $1`;
    this.#reset = `DELETE FROM ${table} WHERE key = $1`;
    this.#prune = `DELETE FROM ${table} WHERE reset_at <= $1`;
  }

  async countAttempt(key: string, now: number, windowMs: number): Promise<AttemptCount> {
    const { rows } = await this.#sql.query<AttemptCount>(this.#count, [key, now, windowMs]);
    return rows[0]!;
  }
  async readAttempts(key: string, now: number): Promise<AttemptCount | undefined> {
    const { rows } = await this.#sql.query<AttemptCount>(this.#read, [key, now]);
    return rows[0];
  }
  async forgetAttempt(key: string): Promise<void> {
    await this.#sql.query(this.#forget, [key]);
  }
  async resetAttempts(key: string): Promise<void> {
    await this.#sql.query(this.#reset, [key]);
  }
  async pruneAttempts(now: number): Promise<number> {
    return (await this.#sql.query(this.#prune, [now])).rowCount ?? 0;
  }
}
