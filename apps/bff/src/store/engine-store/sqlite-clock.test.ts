import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock, seedDemo } from '@hybrid-hub/engine';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrations } from '../migrations.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { DUE_USERS_SQL } from './sqlite-users.ts';

/** Each organization's simulation clock in SQLite (migration 13). */
const directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-clock-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A database as it was before migration 13, with these organizations and the shared offset. */
function sharedClockDatabase(name: string, orgIds: readonly string[], offsetMs: number): string {
  const file = path.join(directory, name);
  const db = new Database(file);
  applyMigrations(
    db,
    migrations.filter((m) => m.version <= 12),
  );
  const insert = db.prepare('INSERT INTO organizations (id, name) VALUES (?, ?)');
  for (const id of orgIds) insert.run(id, id);
  db.prepare('UPDATE simulation_clock SET offset_ms = ? WHERE id = 1').run(offsetMs);
  db.close();
  return file;
}

describe("each organization's simulation clock in SQLite", () => {
  it('keeps the time of a database that ran one shared clock, for every organization in it', async () => {
    const store = openSqliteStore(
      sharedClockDatabase('shared.db', ['acme', 'globex'], 90 * 60_000),
    );
    expect(Object.fromEntries(await store.getClockOffsets())).toEqual({
      acme: 90 * 60_000,
      globex: 90 * 60_000,
    });
    // From now on, each its own.
    expect(await store.advanceClockOffset('globex', 60_000)).toBe(91 * 60_000);
    expect((await store.getClockOffsets()).get('acme')).toBe(90 * 60_000);
    await store.close();
  });

  it('leaves organizations on real time when the shared clock had not moved', async () => {
    const store = openSqliteStore(sharedClockDatabase('real-time.db', ['acme'], 0));
    expect(await store.getClockOffsets()).toEqual(new Map());
    await store.close();
  });

  it("reads an organization's due users by a seek on (org, due time), not a walk of everyone's", async () => {
    const store = openSqliteStore(':memory:');
    await seedDemo(store, { seed: 5, acmeUsers: 500, globexUsers: 50, clock: new ManualClock() });
    const plan = await store.useConnection(
      (db) =>
        db.prepare(`EXPLAIN QUERY PLAN ${DUE_USERS_SQL}`).all('acme', Date.now(), 500) as {
          detail: string;
        }[],
    );
    const details = plan.map((row) => row.detail);
    // One range of the index, in its order: no table scan, no sort.
    expect(details).toEqual([
      expect.stringMatching(/^SEARCH u USING INDEX users_due \(org_id=\? AND due_at.*<\?\)$/),
    ]);
    await store.close();
  });
});
