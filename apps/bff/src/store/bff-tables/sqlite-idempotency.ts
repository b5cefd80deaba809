import type Database from 'better-sqlite3';
import type { IdempotencyKeyStore, KeyClaim } from '../../jobs/idempotency-keys.ts';
import { preparedPerConnection } from './prepared-statements.ts';
import type { SqliteStore } from '../engine-store/sqlite-store.ts';

function statementsFor(db: Database.Database) {
  return {
    sweep: db.prepare<[number]>('DELETE FROM idempotency_keys WHERE created_at <= ?'),
    claim: db.prepare<[string, string, string, number]>(
      `INSERT INTO idempotency_keys (org_id, key, fingerprint, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (org_id, key) DO NOTHING`,
    ),
    find: db.prepare<[string, string], { fingerprint: string; createdAt: number }>(
      'SELECT fingerprint, created_at AS createdAt FROM idempotency_keys WHERE org_id = ? AND key = ?',
    ),
    forget: db.prepare<[string, string, number]>(
      'DELETE FROM idempotency_keys WHERE org_id = ? AND key = ? AND created_at = ?',
    ),
  };
}

/** Idempotency keys in the store's database (migration 9), written on its one writer. */
export function sqliteIdempotencyKeys(store: SqliteStore): IdempotencyKeyStore {
  const on = preparedPerConnection(statementsFor);
  return {
    claimKey: (orgId, key, fingerprint, now, expiredBefore) =>
      store.useConnection((db): KeyClaim => {
        const s = on(db);
        // Sweep, insert and read back in one synchronous run: no other request comes between.
        s.sweep.run(expiredBefore);
        const claimed = s.claim.run(orgId, key, fingerprint, now).changes === 1;
        return { ...s.find.get(orgId, key)!, claimed };
      }),
    forgetKey: (orgId, key, createdAt) =>
      store.useConnection((db) => {
        on(db).forget.run(orgId, key, createdAt);
      }),
  };
}
