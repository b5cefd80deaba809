import type { IdempotencyKeyStore, KeyClaim } from '../../../jobs/idempotency-keys.ts';
import type { PgQueryable } from '../pg-queryable.ts';

type KeyRow = Omit<KeyClaim, 'claimed'>;

/**
 * Bulk jobs' Idempotency-Keys on PostgreSQL (migration 3), shared by every replica: a retry that
 * reaches another replica finds the key the first try claimed. Of concurrent claims of one key
 * the primary key lets exactly one insert; the others wait for it to commit, then read it.
 */
export class PgIdempotencyKeys implements IdempotencyKeyStore {
  readonly #sql: PgQueryable;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
  }

  async claimKey(
    orgId: string,
    key: string,
    fingerprint: string,
    now: number,
    expiredBefore: number,
  ): Promise<KeyClaim> {
    await this.#sql.query('DELETE FROM idempotency_keys WHERE created_at <= $1', [expiredBefore]);
    for (;;) {
      // An expired record another replica has not swept yet is taken over like a missing one.
      const inserted = await this.#sql.query<KeyRow>(
        `INSERT INTO idempotency_keys AS k (org_id, key, fingerprint, created_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id, key) DO UPDATE
           SET fingerprint = excluded.fingerprint, created_at = excluded.created_at
           WHERE k.created_at <= $5
         RETURNING fingerprint, created_at AS "createdAt"`,
        [orgId, key, fingerprint, now, expiredBefore],
      );
      if (inserted.rows[0]) return { ...inserted.rows[0], claimed: true };
      // A statement of its own: its snapshot sees the claim that won, committed by now.
      const found = await this.#sql.query<KeyRow>(
        `SELECT fingerprint, created_at AS "createdAt" FROM idempotency_keys
         WHERE org_id = $1 AND key = $2`,
        [orgId, key],
      );
      if (found.rows[0]) return { ...found.rows[0], claimed: false };
      // The winner's request started nothing and let the key go in between: claim it again.
    }
  }

  async forgetKey(orgId: string, key: string, createdAt: number): Promise<void> {
    await this.#sql.query(
      'DELETE FROM idempotency_keys WHERE org_id = $1 AND key = $2 AND created_at = $3',
      [orgId, key, createdAt],
    );
  }
}
