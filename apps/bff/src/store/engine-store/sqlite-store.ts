import { closeSync, openSync } from 'node:fs';
import {
  AsyncMutex,
  embeddedStoreMethods,
  storeMethods,
  type Store,
  type StoreCapabilities,
  type StoreMethods,
  type SyncAreas,
} from '@hybrid-hub/engine';
import Database from 'better-sqlite3';
import { applyMigrations } from '../migrations.ts';
import { PageAnchors } from './page-anchors.ts';
import { SQLITE_DUE_WORK_BATCH } from './sqlite-due-work-batch.ts';
import { sqliteOperations } from './sqlite-operations.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

export interface SqliteStoreOptions {
  /** How long a write waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

/** The engine's Store on SQLite, plus what only an SQLite store can do. */
export interface SqliteStore extends Store {
  /** Schema versions recorded in `schema_migrations` (for tests and diagnostics). */
  schemaVersions(): number[];
  /**
   * Refreshes the planner's statistics and merges the search index's segments. Worth running
   * after a bulk load such as the demo seed; cheap otherwise.
   */
  optimize(): Promise<void>;
  /**
   * Runs `operation` on the store's connection, in turn with the engine's transactions: for the
   * BFF's own tables (administrators, sessions), which must not open a second writer (its busy
   * wait would block the event loop the open transaction needs to finish). A `read` operation
   * runs on the read connection while a transaction holds the writer, instead of queuing.
   */
  useConnection<T>(operation: (db: Database.Database) => T, mode?: 'read' | 'write'): Promise<T>;
}

/**
 * Opens (creating if needed) the database file, brings its schema up to date, and returns the
 * engine's Store on it (better-sqlite3: one synchronous connection).
 *
 * Transactions: the engine's `transaction(work)` awaits inside `work`, and better-sqlite3's own
 * transactions cannot span an await. So a transaction is `BEGIN IMMEDIATE … COMMIT` on the one
 * connection, held under a FIFO async mutex: while it is open, calls on the store itself wait
 * their turn, and `work` gets a view bound to the transaction whose calls run at once (a nested
 * `transaction()` on it becomes a SAVEPOINT). When no transaction is open or queued, calls run
 * straight away with no locking cost.
 */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  // Created by us, owner-only: SQLite then creates the -wal and -shm files with the database
  // file's mode, so they are the service user's only too. An existing file keeps its mode.
  if (file !== ':memory:') closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  try {
    // WAL: readers never block the writer; NORMAL survives a process crash (FULL would also
    // survive power loss, at half the write rate). See docs/decisions/001.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    db.pragma('cache_size = -65536'); // 64 MiB of page cache: the hot indexes stay in memory
    db.pragma('temp_store = MEMORY');
    applyMigrations(db);
  } catch (error) {
    db.close();
    throw error;
  }

  // Where deep pages of the users list start (user-list.ts): shared by both connections.
  const anchors = new PageAnchors();
  const operations = sqliteOperations(db, anchors);
  // A second connection for reads that arrive while a transaction holds the first one. In WAL
  // mode readers never wait for the writer: they see the last commit. Without it, every page
  // request queued behind the due work's transactions (a bulk job is hundreds of them).
  // An in-memory database cannot be shared between connections: it reads through the writer.
  const readDb = file === ':memory:' ? undefined : new Database(file, { readonly: true });
  readDb?.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  readDb?.pragma('cache_size = -32768');
  const readOperations = readDb && sqliteOperations(readDb, anchors);
  // Checkpoints run in a worker thread (see wal-checkpointer.ts); should it fail, SQLite's own
  // checkpoints inside COMMIT (every 1,000 pages, its default) take over again.
  const checkpointer =
    file === ':memory:'
      ? undefined
      : startWalCheckpointer(file, {
          onFailure: () => {
            if (db.open) db.pragma('wal_autocheckpoint = 1000');
          },
        });
  if (checkpointer) db.pragma('wal_autocheckpoint = 0');
  const mutex = new AsyncMutex();
  // Writes and transactions queue on the mutex; reads during a transaction do not (read connection).
  const shouldYield = () => Promise.resolve(mutex.waiting > 0);
  let closed = false;
  const assertOpen = () => {
    if (closed) throw new Error('the store is closed');
  };
  /** Runs a synchronous operation now when the connection is free, else after the queue. */
  const run = <T>(operation: () => T): Promise<T> => {
    if (mutex.idle) {
      try {
        assertOpen();
        return Promise.resolve(operation());
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return mutex.run(() => {
      assertOpen();
      return operation();
    });
  };

  /** Reads go to the read connection while a transaction is open, instead of queuing. */
  const read = <T>(operation: () => T, readOperation: () => T): Promise<T> => {
    if (mutex.idle) return run(operation);
    try {
      assertOpen();
      return Promise.resolve(readOperation());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };

  return {
    ...bindMethods(operations, run, readOperations, read),
    schemaVersions: () =>
      db
        .prepare('SELECT version FROM schema_migrations ORDER BY version')
        .pluck()
        .all() as number[],
    useConnection: (operation, mode = 'write') =>
      mode === 'read' && readDb
        ? read(
            () => operation(db),
            () => operation(readDb),
          )
        : run(() => operation(db)),
    optimize: () =>
      run(() => {
        db.exec("INSERT INTO users_search (users_search) VALUES ('optimize')");
        db.pragma('optimize = 0x10002');
      }),
    shouldYield,
    capabilities: CAPABILITIES,
    // One writer: every transaction in turn, whatever its organization (the port allows it).
    transaction: (_orgId, work) =>
      mutex.run(async () => {
        assertOpen();
        await checkpointer?.ready();
        assertOpen();
        db.exec('BEGIN IMMEDIATE');
        const view = transactionView(db, operations, shouldYield);
        try {
          const result = await work(view.store);
          await view.drain();
          // Let the requests that arrived meanwhile run (their reads use the read connection)
          // before the commit: a transaction otherwise runs start to end in one macrotask.
          await new Promise((resolve) => setImmediate(resolve));
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          view.finish();
          anchors.transactionEnded();
        }
      }),
    close: () =>
      mutex.run(async () => {
        if (closed) return;
        closed = true;
        await checkpointer?.close();
        db.pragma('optimize');
        readDb?.close();
        db.close();
      }),
  };
}

/** What `work` receives: the same operations, run immediately inside the open transaction. */
function transactionView(
  db: Database.Database,
  operations: SyncAreas,
  shouldYield: () => Promise<boolean>,
) {
  let open = true;
  let savepoints = 0;
  // better-sqlite3 is synchronous and resolved promises never let I/O in, so a transaction of
  // a few thousand statements would hold the event loop until its end (a bulk job's due work:
  // ~100 ms a batch on 200,000 users). Every YIELD_EVERY_MS it steps aside for a macrotask, so
  // waiting requests run (their reads on the read connection). Operations stay in call order:
  // they are chained, so one that yields is never overtaken by the next.
  let lastYield = performance.now();
  let chain: Promise<unknown> = Promise.resolve();
  const runInTransaction = <T>(operation: () => T): Promise<T> => {
    const next = chain.then(async () => {
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      if (!open) throw new Error('the transaction has already finished');
      return operation();
    });
    chain = next.catch(() => undefined);
    return next;
  };
  const store: Store = {
    ...embeddedStoreMethods(operations, runInTransaction),
    async transaction(_orgId, work) {
      if (!open) throw new Error('the transaction has already finished');
      const name = `nested_${++savepoints}`;
      db.exec(`SAVEPOINT ${name}`);
      try {
        const result = await work(store);
        db.exec(`RELEASE ${name}`);
        return result;
      } catch (error) {
        db.exec(`ROLLBACK TO ${name}`);
        db.exec(`RELEASE ${name}`);
        throw error;
      }
    },
    shouldYield,
    capabilities: CAPABILITIES,
    close: () => Promise.reject(new Error('close the store, not its transaction')),
  };
  return {
    store,
    /** Settles once every operation issued so far has run. */
    drain: () => chain,
    finish() {
      open = false;
    },
  };
}

const CAPABILITIES: StoreCapabilities = { dueWorkBatch: SQLITE_DUE_WORK_BATCH };

/** How long a transaction runs before it lets waiting requests in. */
const YIELD_EVERY_MS = 8;

/** Methods that only read: safe on the read connection (anything else needs the writer). */
const READ_METHOD = /^(list|get|find|count|last)/;

/**
 * The port's async methods over the synchronous areas, each run through `run`; reading methods
 * are answered by the read connection's areas while a transaction holds the writer.
 */
function bindMethods(
  operations: SyncAreas,
  run: <T>(operation: () => T) => Promise<T>,
  readOperations: SyncAreas | undefined,
  read: <T>(operation: () => T, readOperation: () => T) => Promise<T>,
): StoreMethods {
  return storeMethods((area, name) => {
    const method = (areas: SyncAreas) => {
      const target = areas[area] as unknown as Record<string, (...args: unknown[]) => unknown>;
      const operation = target[name]!;
      return (args: unknown[]) => () => operation.apply(target, args);
    };
    const onWriter = method(operations);
    if (!READ_METHOD.test(name) || !readOperations) {
      return (...args: unknown[]) => run(onWriter(args));
    }
    const onReader = method(readOperations);
    return (...args: unknown[]) => read(onWriter(args), onReader(args));
  });
}
