import { once } from 'node:events';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { holdConnection, quoteIdentifier } from '../store/pg/pg-pool.ts';
import { writeAtomically } from './backup-file.ts';
import { END_OF_TABLE, type PgBackupManifest } from './backup-manifest.ts';
import { openCopyPool, schemaTables } from './pg-catalog.ts';

export interface PgBackupResult {
  file: string;
  bytes: number;
  manifest: PgBackupManifest;
}

/**
 * Copies the database (the schema `schema` names, else the user's default) to `out` while the
 * replicas keep running. One `REPEATABLE READ READ ONLY` transaction reads every table with
 * `COPY … TO STDOUT`: one snapshot, so the tables agree with each other (a job and its items, the
 * users and their count tables) as of one commit, and the replicas' writes go on meanwhile.
 * pg_dump would do the same, but one of the server's major version is rarely at hand (the
 * npm-installed server has none, Debian's refuses a newer server).
 *
 * The file is gzip: a manifest line (backup-manifest.ts), then each table's rows.
 */
export async function backupPostgres(
  url: string,
  schema: string | undefined,
  out: string,
): Promise<PgBackupResult> {
  if (existsSync(out)) throw new Error(`${out} already exists: name another file with --out.`);
  const pool = openCopyPool(url, schema, 'hybrid-hub backup');
  try {
    const { client, release } = await holdConnection(pool);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const manifest = await readManifest(client);
      await writeAtomically(out, async (partial) => {
        const gzip = createGzip();
        const file = createWriteStream(partial);
        gzip.pipe(file);
        const write = async (chunk: string | Buffer) => {
          if (!gzip.write(chunk)) await once(gzip, 'drain');
        };
        await write(`${JSON.stringify(manifest)}\n`);
        for (const table of manifest.tables) {
          const columns = table.columns.map(quoteIdentifier).join(', ');
          const rows = client.query(
            copyTo(`COPY ${quoteIdentifier(table.name)} (${columns}) TO STDOUT`),
          );
          for await (const chunk of rows) await write(chunk as Buffer);
          await write(`${END_OF_TABLE}\n`);
        }
        gzip.end();
        await finished(file);
      });
      await client.query('COMMIT');
      return { file: out, bytes: statSync(out).size, manifest };
    } finally {
      // A failed COPY leaves the connection mid-protocol: never back to a pool.
      release(true);
    }
  } finally {
    await pool.end();
  }
}

/** What the snapshot holds: the schema version, the tables, their rows and sequences. */
async function readManifest(client: pg.ClientBase): Promise<PgBackupManifest> {
  const version = await client.query<{ version: number | null; server: string }>(
    `SELECT (SELECT max(version) FROM schema_migrations) AS version,
            current_setting('server_version') AS server`,
  );
  const schemaVersion = version.rows[0]?.version;
  if (!schemaVersion) throw new Error('The database has no Hybrid Hub schema to back up.');
  const tables = [];
  for (const table of await schemaTables(client)) {
    const counted = await client.query<{ n: number }>(
      `SELECT count(*) AS n FROM ${quoteIdentifier(table.name)}`,
    );
    const identities = [];
    for (const { column, sequence } of table.identities) {
      // Sequences are outside the snapshot: this is their value now, at least the snapshot's.
      const last = await client.query<{ value: number }>(
        'SELECT coalesce(pg_sequence_last_value($1::regclass), 0) AS value',
        [sequence],
      );
      identities.push({ column, lastValue: Number(last.rows[0]!.value) });
    }
    tables.push({ name: table.name, columns: table.columns, rows: counted.rows[0]!.n, identities });
  }
  return {
    format: 'hybrid-hub-postgresql-backup',
    formatVersion: 1,
    schemaVersion,
    createdAt: new Date().toISOString(),
    server: `PostgreSQL ${version.rows[0]!.server}`,
    tables,
  };
}
