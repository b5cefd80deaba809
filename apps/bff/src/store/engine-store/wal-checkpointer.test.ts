import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.ts';

describe('WAL checkpointer', () => {
  let directory: string;
  let file: string;
  let db: Database.Database;
  let checkpointer: WalCheckpointer | undefined;
  const failures: unknown[] = [];

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'hub-wal-'));
    file = path.join(directory, 'test.db');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    // As the store does once the worker runs: no checkpoint inside COMMIT.
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE pages (n INTEGER PRIMARY KEY, body BLOB)');
    failures.length = 0;
  });

  afterEach(async () => {
    await checkpointer?.close();
    checkpointer = undefined;
    db.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** One transaction writing about `pages` pages. */
  const write = (pages: number) =>
    db.transaction(() => {
      const insert = db.prepare('INSERT INTO pages (body) VALUES (?)');
      for (let i = 0; i < pages; i++) insert.run(Buffer.alloc(4000, i));
    })();

  /**
   * The last frame written to the WAL, read from the WAL index's header (mxFrame, a 32-bit
   * integer at byte 16 of the -shm file, in the machine's byte order: sqlite.org/walformat.html)
   * without checkpointing anything, as asking SQLite would.
   */
  const lastFrame = () => {
    const header = readFileSync(`${file}-shm`).subarray(0, 48);
    return endianness() === 'LE' ? header.readUInt32LE(16) : header.readUInt32BE(16);
  };

  const waitFor = async (condition: () => boolean) => {
    for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(condition()).toBe(true);
  };

  it('copies the WAL into the database file in the background', async () => {
    const before = statSync(file).size;
    checkpointer = startWalCheckpointer(file, {
      intervalMs: 10,
      onFailure: (e) => failures.push(e),
    });
    write(100);
    // Nothing here checkpoints: the database file only grows when the worker copies the pages.
    await waitFor(() => statSync(file).size >= before + 100 * 4000);
    expect(failures).toEqual([]);
  });

  it('holds a transaction past the limit back until the WAL can start again from its beginning', async () => {
    checkpointer = startWalCheckpointer(file, {
      intervalMs: 10,
      limitPages: 50,
      // Long enough that only the worker's RESTART, never the timeout, lets the write go, however
      // busy the machine running the test.
      maxWaitMs: 60_000,
      onFailure: (e) => failures.push(e),
    });
    // A reader on an older snapshot keeps every checkpoint from copying the frames after it, as
    // transactions following each other keep the worker one behind.
    const reader = new Database(file, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM pages').get();
    write(100);
    write(100);
    expect(lastFrame()).toBeGreaterThanOrEqual(200);
    const held = checkpointer;
    await waitFor(() => held.reportedFrames >= 200); // the worker has seen the WAL's length
    const ready = checkpointer.ready();
    reader.exec('COMMIT');
    reader.close();
    await ready;
    // Not appended after frame 200: the worker's RESTART let this transaction start the WAL anew.
    write(1);
    expect(lastFrame()).toBeLessThan(10);
    expect(failures).toEqual([]);
  });

  it('reports a worker that cannot open the database, and then holds nothing back', async () => {
    checkpointer = startWalCheckpointer(path.join(directory, 'missing', 'nothing.db'), {
      limitPages: 1,
      onFailure: (e) => failures.push(e),
    });
    await waitFor(() => failures.length === 1);
    write(10);
    await expect(checkpointer.ready()).resolves.toBeUndefined();
  });
});
