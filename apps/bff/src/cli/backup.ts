import { backupPostgres } from '../backup/pg-backup.ts';
import { backupSqlite } from '../backup/sqlite-backup.ts';
import { readConfig } from '../config.ts';
import {
  fromCallerDirectory,
  megabytes,
  readCommandLine,
  seconds,
  type CommandIo,
} from './command-line.ts';

export const USAGE = `Writes a consistent copy of the console's data while it runs.

  npm run backup [-- --out <file>]

  --out <file>   where to write it (default: hybrid-hub-<time>.sqlite, or .pg.gz on PostgreSQL,
                 in the current directory); an existing file is never overwritten

The data is the one HUB_DATABASE_URL names (PostgreSQL, HUB_DATABASE_SCHEMA if set), else the
SQLite database in HUB_DATA_DIR. The copy holds what the database holds, secrets included
(password hashes, the AXL accounts' passwords): it is written for its owner only (mode 600);
keep it as you keep the database.`;

/** The command's work, apart from the process (tests run it in-process). Returns the exit code. */
export async function backup(argv: string[], io: CommandIo): Promise<number> {
  const command = readCommandLine(argv, USAGE, io, 'out');
  if (typeof command === 'number') return command;
  const config = readConfig(io.env);
  const stamp = new Date()
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z');
  const postgres = config.HUB_DATABASE_URL;
  const out =
    command.out ??
    fromCallerDirectory(io.env, `hybrid-hub-${stamp}.${postgres ? 'pg.gz' : 'sqlite'}`);
  const started = performance.now();
  try {
    if (postgres) {
      const { bytes, manifest } = await backupPostgres(postgres, config.HUB_DATABASE_SCHEMA, out);
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      io.out(
        `Backed up ${manifest.server} (schema version ${manifest.schemaVersion}, ${manifest.tables.length} tables, ${rows} rows; ` +
          `COPY in one REPEATABLE READ snapshot, not pg_dump) to ${out}: ${megabytes(bytes)} in ${seconds(started)}.`,
      );
    } else {
      const copy = await backupSqlite(config.HUB_DATA_DIR, out);
      io.out(
        `Backed up ${config.HUB_DATA_DIR} (SQLite online backup, schema version ${copy.schemaVersion}, ` +
          `${copy.users} users, ${copy.jobs} jobs; integrity check ok) to ${out}: ${megabytes(copy.bytes)} in ${seconds(started)}.`,
      );
    }
    return 0;
  } catch (error) {
    io.out(`The backup failed: ${(error as Error).message}`);
    return 1;
  }
}
