import { createHash } from 'node:crypto';
import type { SqliteStore } from '../store/engine-store/sqlite-store.ts';

/**
 * Tables a refused request may still write: it is recorded (the audit log), its session is
 * touched, a failed sign-in is counted, events are pruned by age. Everything else is the
 * product's data, which a refused request must leave as it was.
 */
const BOOKKEEPING = new Set([
  'audit_entries',
  'sessions',
  'sign_in_attempts',
  'events',
  'schema_migrations',
]);

/** A hash per table of the product's data, read from the last commit. */
export function dataSnapshot(store: SqliteStore): Promise<Record<string, string>> {
  return store.useConnection((db) => {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'users_search%' ORDER BY name`,
      )
      .pluck()
      .all() as string[];
    const snapshot: Record<string, string> = {};
    for (const table of tables.filter((t) => !BOOKKEEPING.has(t))) {
      const hash = createHash('sha256');
      for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate()) {
        hash.update(JSON.stringify(row));
      }
      snapshot[table] = hash.digest('base64url').slice(0, 16);
    }
    return snapshot;
  }, 'read');
}
