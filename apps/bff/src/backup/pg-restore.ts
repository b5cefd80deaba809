import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PG_MIGRATIONS } from '../store/pg/migrations/index.ts';
import { applyPgMigrations } from '../store/pg/pg-migrations.ts';
import { holdConnection, quoteIdentifier } from '../store/pg/pg-pool.ts';
import { END_OF_TABLE, PgBackupManifest } from './backup-manifest.ts';
import { openCopyPool, schemaTables } from './pg-catalog.ts';

/**
 * Brings a PostgreSQL backup (pg-backup.ts) back into an empty database or schema: migrates it
 * to the backup's schema version, then loads every table in one transaction, so a failed
 * restore leaves the tables empty again. The count tables kept by triggers (users and
 * directory totals) come back as they were copied, from the same snapshot as the rows they
 * count; the triggers are disabled while the rows go in, or every row would be counted twice.
 * Foreign keys stay checked: the tables load in the manifest's order, referenced ones first.
 * Identity sequences continue after what the backup had handed out.
 */
export async function restorePostgres(
  backup: string,
  url: string,
  schema: string | undefined,
): Promise<PgBackupManifest> {
  const input = createReadStream(backup).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  try {
    return await restoreLines(lines, url, schema);
  } finally {
    input.destroy();
  }
}

async function restoreLines(
  lines: AsyncIterator<string>,
  url: string,
  schema: string | undefined,
): Promise<PgBackupManifest> {
  const manifest = await readManifest(lines);
  const known = PG_MIGRATIONS.at(-1)!.version;
  if (manifest.schemaVersion > known) {
    throw new Error(
      `The backup is of schema version ${manifest.schemaVersion}; this console knows up to ${known}: restore it with the version that made it, or a newer one.`,
    );
  }
  const pool = openCopyPool(url, schema, 'hybrid-hub restore');
  try {
    await assertEmpty(pool, manifest.schemaVersion);
    await applyPgMigrations(
      pool,
      PG_MIGRATIONS.filter((m) => m.version <= manifest.schemaVersion),
    );
    const { client, release } = await holdConnection(pool);
    try {
      await client.query('BEGIN');
      await load(client, manifest, lines);
      await client.query('COMMIT');
      // As after the demo's seed (PgStore.optimize): statistics for the planner, and pages
      // marked all-visible so that index-only scans skip the table, before the first request.
      for (const table of manifest.tables) {
        await client.query(`VACUUM (ANALYZE) ${quoteIdentifier(table.name)}`);
      }
    } finally {
      release(true);
    }
    return manifest;
  } finally {
    await pool.end();
  }
}

async function readManifest(lines: AsyncIterator<string>): Promise<PgBackupManifest> {
  const first = await lines.next();
  let manifest;
  try {
    manifest = PgBackupManifest.safeParse(JSON.parse(first.done ? 'null' : first.value));
  } catch {
    // Not JSON: reported below.
  }
  if (!manifest?.success) {
    throw new Error('This is not a Hybrid Hub PostgreSQL backup: its first line is no manifest.');
  }
  return manifest.data;
}

/** Refuses a target that holds any row, or a schema newer than the backup's. */
async function assertEmpty(pool: pg.Pool, schemaVersion: number): Promise<void> {
  const where = await pool.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  const schema = where.rows[0]?.schema;
  if (!schema) {
    throw new Error('The target schema does not exist: create it (CREATE SCHEMA …) first.');
  }
  const tables = await schemaTables(pool);
  for (const table of tables) {
    const { rows } = await pool.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT FROM ${quoteIdentifier(table.name)}) AS any`,
    );
    if (rows[0]!.any) {
      throw new Error(
        `The target is not empty (table ${table.name} in schema ${schema} has rows): restore into an empty database or schema.`,
      );
    }
  }
  if (tables.some((t) => t.name === 'organizations')) {
    const { rows } = await pool.query<{ version: number }>(
      'SELECT max(version) AS version FROM schema_migrations',
    );
    if ((rows[0]?.version ?? 0) > schemaVersion) {
      throw new Error(
        `The target's schema (version ${rows[0]!.version}) is newer than the backup's (${schemaVersion}): restore into an empty database or schema.`,
      );
    }
  }
}

async function load(
  client: pg.ClientBase,
  manifest: PgBackupManifest,
  lines: AsyncIterator<string>,
): Promise<void> {
  const tables = new Map((await schemaTables(client)).map((t) => [t.name, t]));
  for (const table of manifest.tables) {
    if (!tables.has(table.name))
      throw new Error(`The backup's table ${table.name} is not in the schema.`);
  }
  const names = manifest.tables.map((t) => quoteIdentifier(t.name));
  // Triggers of the tables' owner (the counts, the audit log's append-only guard); foreign keys,
  // which are the system's, stay on.
  for (const name of names) await client.query(`ALTER TABLE ${name} DISABLE TRIGGER USER`);
  for (const table of manifest.tables) {
    const columns = table.columns.map(quoteIdentifier).join(', ');
    const copy = client.query(
      copyFrom(`COPY ${quoteIdentifier(table.name)} (${columns}) FROM STDIN`),
    );
    const rows = await pipeTable(lines, copy);
    await once(copy, 'finish');
    if (rows !== table.rows) {
      throw new Error(
        `The backup's table ${table.name} has ${rows} rows; its manifest says ${table.rows}.`,
      );
    }
    for (const { column, lastValue } of table.identities) {
      const sequence = tables
        .get(table.name)!
        .identities.find((i) => i.column === column)?.sequence;
      if (!sequence) throw new Error(`${table.name}.${column} is not an identity column here.`);
      await client.query(
        `SELECT setval($1::regclass, greatest($2, max(${quoteIdentifier(column)})), true)
           FROM ${quoteIdentifier(table.name)} HAVING greatest($2, max(${quoteIdentifier(column)})) > 0`,
        [sequence, lastValue],
      );
    }
  }
  for (const name of names) await client.query(`ALTER TABLE ${name} ENABLE TRIGGER USER`);
}

/** Writes one table's lines into its COPY, up to the end marker. Returns the rows written. */
async function pipeTable(
  lines: AsyncIterator<string>,
  copy: NodeJS.WritableStream,
): Promise<number> {
  let rows = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const ok = copy.write(`${batch.join('\n')}\n`);
    batch = [];
    if (!ok) await once(copy, 'drain');
  };
  for (;;) {
    const line = await lines.next();
    if (line.done) throw new Error('The backup ends in the middle of a table: it is incomplete.');
    if (line.value === END_OF_TABLE) break;
    batch.push(line.value);
    rows++;
    if (batch.length === 2_000) await flush();
  }
  await flush();
  copy.end();
  return rows;
}
