import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from '../store/migrations.ts';
import { writeAtomically } from './backup-file.ts';
import {
  checkCopy,
  DATABASE_FILE,
  describeSqlite,
  type SqliteBackupResult,
} from './sqlite-backup.ts';

/**
 * Brings a SQLite backup back as the data directory's database. Only into a directory with no
 * database: restoring over one would lose whatever it holds. The backup is checked first
 * (integrity, a schema this code knows); the BFF's next start migrates it to its own version.
 */
export async function restoreSqlite(backup: string, dataDir: string): Promise<SqliteBackupResult> {
  const target = path.join(dataDir, DATABASE_FILE);
  for (const file of [target, `${target}-wal`]) {
    if (existsSync(file)) {
      throw new Error(
        `${dataDir} already has a database (${path.basename(file)}): restore into an empty data directory (HUB_DATA_DIR), or move that one away first.`,
      );
    }
  }
  checkCopy(backup);
  const described = describeSqlite(backup);
  const known = migrations.at(-1)!.version;
  if (described.schemaVersion > known) {
    throw new Error(
      `The backup is of schema version ${described.schemaVersion}; this console knows up to ${known}: restore it with the version that made it, or a newer one.`,
    );
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const source = new Database(backup, { fileMustExist: true, readonly: true });
  try {
    await writeAtomically(target, async (partial) => {
      await source.backup(partial);
      // The mode the BFF runs its database in (sqlite-store.ts). The backup was checked above
      // and the copy is page for page: a second integrity check made the restore of 200,000 users
      // take 34 s instead of 12.
      const copy = new Database(partial, { fileMustExist: true });
      try {
        copy.pragma('journal_mode = WAL');
      } finally {
        copy.close();
      }
    });
  } finally {
    source.close();
  }
  return { file: target, bytes: statSync(target).size, ...described };
}
