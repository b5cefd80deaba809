import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { writeAtomically } from './backup-file.ts';

/** The database file in a data directory (data-directory.ts). */
export const DATABASE_FILE = 'hybrid-hub.db';

export interface SqliteBackupResult {
  file: string;
  bytes: number;
  schemaVersion: number;
  users: number;
  jobs: number;
}

/**
 * Copies the data directory's database to `out` while the console keeps running: SQLite's
 * online backup API, on a connection of its own. All pages are copied in one step, so in one
 * read transaction: the copy is the database as of one commit (WAL readers do not block the
 * BFF's writer, which carries on meanwhile). Copied in steps, a write by the BFF between two
 * steps would restart the copy, and a bulk job writes every few milliseconds.
 *
 * The copy is a plain database file (rollback journal, no -wal beside it), checked with
 * `PRAGMA integrity_check` before it gets its name.
 */
export async function backupSqlite(dataDir: string, out: string): Promise<SqliteBackupResult> {
  const source = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(source)) throw new Error(`There is no database in ${dataDir} to back up.`);
  if (existsSync(out)) throw new Error(`${out} already exists: name another file with --out.`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    await writeAtomically(out, async (partial) => {
      await db.backup(partial, { progress: () => ALL_PAGES });
      checkCopy(partial, (copy) => copy.pragma('journal_mode = DELETE'));
    });
  } finally {
    db.close();
  }
  return { file: out, bytes: statSync(out).size, ...describeSqlite(out) };
}

/** Pages per backup step: all of them (see backupSqlite). */
const ALL_PAGES = 0x7fffffff;

/** Opens a copy, lets `prepare` adjust it, and fails unless SQLite finds it sound. */
export function checkCopy(file: string, prepare?: (db: Database.Database) => void): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    prepare?.(db);
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${file} failed SQLite's integrity check: ${result}`);
  } finally {
    db.close();
  }
}

/** The schema version and sizes of a SQLite database file (a backup or a data directory's). */
export function describeSqlite(file: string): Omit<SqliteBackupResult, 'file' | 'bytes'> {
  const db = new Database(file, { fileMustExist: true, readonly: true });
  try {
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      schemaVersion: count('SELECT max(version) FROM schema_migrations'),
      users: count('SELECT count(*) FROM users'),
      jobs: count('SELECT count(*) FROM jobs'),
    };
  } finally {
    db.close();
  }
}
