import { existsSync } from 'node:fs';
import { backupKind } from '../backup/backup-file.ts';
import { restorePostgres } from '../backup/pg-restore.ts';
import { restoreSqlite } from '../backup/sqlite-restore.ts';
import { readConfig } from '../config.ts';
import { megabytes, readCommandLine, seconds, type CommandIo } from './command-line.ts';

export const USAGE = `Brings a backup (npm run backup) back into an empty data directory or database.

  npm run restore -- <backup file>

A SQLite backup goes to HUB_DATA_DIR, which must have no database yet; a PostgreSQL backup to
the database HUB_DATABASE_URL names (HUB_DATABASE_SCHEMA if set), which must hold no rows: it is
migrated to the backup's schema version, then loaded in one transaction. Stop the console first;
start it again afterwards (it migrates the data to its own version and carries on unfinished
jobs).`;

/** The command's work, apart from the process (tests run it in-process). Returns the exit code. */
export async function restore(argv: string[], io: CommandIo): Promise<number> {
  const command = readCommandLine(argv, USAGE, io, 'one file');
  if (typeof command === 'number') return command;
  const file = command.file!;
  if (!existsSync(file)) {
    io.out(`There is no file ${file}.`);
    return 1;
  }
  const config = readConfig(io.env);
  const started = performance.now();
  try {
    const kind = backupKind(file);
    const postgres = config.HUB_DATABASE_URL;
    if (kind === 'sqlite' && postgres) {
      throw new Error(
        'This is a SQLite backup: unset HUB_DATABASE_URL to restore it into HUB_DATA_DIR.',
      );
    }
    if (kind === 'postgresql' && !postgres) {
      throw new Error(
        'This is a PostgreSQL backup: set HUB_DATABASE_URL to the database to restore it into.',
      );
    }
    if (postgres) {
      const manifest = await restorePostgres(file, postgres, config.HUB_DATABASE_SCHEMA);
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      io.out(
        `Restored the backup of ${manifest.createdAt} (schema version ${manifest.schemaVersion}, ${rows} rows in ${manifest.tables.length} tables) in ${seconds(started)}.`,
      );
    } else {
      const copy = await restoreSqlite(file, config.HUB_DATA_DIR);
      io.out(
        `Restored ${copy.users} users and ${copy.jobs} jobs (schema version ${copy.schemaVersion}) into ${copy.file}: ${megabytes(copy.bytes)} in ${seconds(started)}.`,
      );
    }
    return 0;
  } catch (error) {
    io.out(`The restore failed: ${(error as Error).message}`);
    return 1;
  }
}
