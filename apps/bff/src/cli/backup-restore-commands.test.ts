import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { PgBackupManifest } from '../backup/backup-manifest.ts';
import { openSqliteStore } from '../store/engine-store/sqlite-store.ts';
import { applyPgMigrations } from '../store/pg/pg-migrations.ts';
import { freshPgSchema } from '../testing/test-postgres.ts';
import { backup } from './backup.ts';
import { restore } from './restore.ts';

const work = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-backup-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a command; its exit code and what it said. */
async function run(
  command: typeof backup,
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number; said: string }> {
  const lines: string[] = [];
  const code = await command(argv, { env, out: (line) => lines.push(line) });
  return { code, said: lines.join('\n') };
}

/** A data directory holding one organization, and a backup of it. */
async function sqliteBackup(): Promise<{ dataDir: string; file: string }> {
  const dataDir = mkdtempSync(path.join(work, 'data-'));
  const store = openSqliteStore(path.join(dataDir, 'hybrid-hub.db'));
  await store.transaction('o', (tx) => tx.insertOrganization({ id: 'o', name: 'O' }));
  await store.close();
  const file = path.join(work, `${path.basename(dataDir)}.sqlite`);
  expect((await run(backup, ['--out', file], { HUB_DATA_DIR: dataDir })).code).toBe(0);
  return { dataDir, file };
}

describe('npm run backup and npm run restore', () => {
  it('show their usage on --help (0) and on a wrong command line (2)', async () => {
    expect(await run(backup, ['--help'], {})).toMatchObject({ code: 0, said: /--out <file>/ });
    expect((await run(backup, ['--to', 'x'], {})).code).toBe(2);
    expect(await run(restore, [], {})).toMatchObject({ code: 2, said: /Name one backup file/ });
    expect((await run(restore, ['a', 'b'], {})).code).toBe(2);
  });

  it('never overwrite: an existing --out, a data directory that has a database', async () => {
    const { dataDir, file } = await sqliteBackup();
    expect(await run(backup, ['--out', file], { HUB_DATA_DIR: dataDir })).toMatchObject({
      code: 1,
      said: /already exists/,
    });
    expect(await run(restore, [file], { HUB_DATA_DIR: dataDir })).toMatchObject({
      code: 1,
      said: /already has a database.*restore into an empty data directory/,
    });
    const empty = path.join(work, 'empty');
    expect((await run(restore, [file], { HUB_DATA_DIR: empty })).code).toBe(0);
    const restored = openSqliteStore(path.join(empty, 'hybrid-hub.db'));
    expect((await restored.listOrganizations()).map((o) => o.id)).toEqual(['o']);
    await restored.close();
  });

  it('refuse what is not a backup, and a backup for the other store', async () => {
    const junk = path.join(work, 'junk');
    writeFileSync(junk, 'not a backup at all');
    expect(await run(restore, [junk], { HUB_DATA_DIR: path.join(work, 'j') })).toMatchObject({
      code: 1,
      said: /not a Hybrid Hub backup/,
    });
    const { file } = await sqliteBackup();
    expect(
      await run(restore, [file], { HUB_DATABASE_URL: 'postgres://nowhere.invalid/db' }),
    ).toMatchObject({ code: 1, said: /SQLite backup: unset HUB_DATABASE_URL/ });
    expect(await run(backup, [], { HUB_DATA_DIR: path.join(work, 'none') })).toMatchObject({
      code: 1,
      said: /no database/,
    });
  });

  it('on PostgreSQL, a restore that fails midway leaves the target empty, and a good one lands', async () => {
    const [source, target] = await Promise.all([freshPgSchema(), freshPgSchema()]);
    try {
      await applyPgMigrations(source.pool);
      await source.pool.query(`INSERT INTO organizations (id, name) VALUES ('o', 'O')`);
      const env = (schema: typeof source) => ({
        HUB_DATABASE_URL: schema.url,
        HUB_DATABASE_SCHEMA: schema.schema,
      });
      const file = path.join(work, 'pg.gz');
      expect((await run(backup, ['--out', file], env(source))).code).toBe(0);

      const gzipped = path.join(work, 'gzipped.gz');
      writeFileSync(gzipped, gzipSync('a gzip file, but no backup\n'));
      expect(await run(restore, [gzipped], env(target))).toMatchObject({
        code: 1,
        said: /not a Hybrid Hub PostgreSQL backup/,
      });

      // A manifest that promises a row the file does not hold: found after the first tables.
      const [head, ...rest] = gunzipSync(readFileSync(file)).toString().split('\n');
      const manifest = PgBackupManifest.parse(JSON.parse(head!));
      manifest.tables.find((t) => t.name === 'organizations')!.rows = 2;
      const bad = path.join(work, 'bad.gz');
      writeFileSync(bad, gzipSync([JSON.stringify(manifest), ...rest].join('\n')));
      expect(await run(restore, [bad], env(target))).toMatchObject({
        code: 1,
        said: /organizations has 1 rows; its manifest says 2/,
      });
      const left = await target.pool.query('SELECT count(*) AS n FROM organizations');
      expect(left.rows[0].n).toBe(0);

      expect((await run(restore, [file], env(target))).code).toBe(0);
      const restored = await target.pool.query('SELECT id, name FROM organizations');
      expect(restored.rows).toEqual([{ id: 'o', name: 'O' }]);
      expect(await run(restore, [file], env(target))).toMatchObject({
        code: 1,
        said: /not empty \(table organizations/,
      });
    } finally {
      await Promise.all([source.drop(), target.drop()]);
    }
  });
});
