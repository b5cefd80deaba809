import { AsyncMutex, type Store, type SyncStore } from '@hybrid-hub/engine';
import Database from 'better-sqlite3';
import { applyMigrations } from './migrations.ts';
import { sqliteOperations, STORE_METHODS } from './sqlite-operations.ts';

export interface SqliteStoreOptions {
  /** How long a write waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

type StoreMethods = Omit<Store, 'transaction' | 'close'>;

/** The engine's Store on SQLite, plus what only an SQLite store can do. */
export interface SqliteStore extends Store {
  /** Schema versions recorded in `schema_migrations` (for tests and diagnostics). */
  schemaVersions(): number[];
  /**
   * Refreshes the planner's statistics and merges the search index's segments. Worth running
   * after a bulk load such as the demo seed; cheap otherwise.
   */
  optimize(): Promise<void>;
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

  const operations = sqliteOperations(db);
  const mutex = new AsyncMutex();
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

  return {
    ...bindMethods(operations, run),
    schemaVersions: () =>
      db
        .prepare('SELECT version FROM schema_migrations ORDER BY version')
        .pluck()
        .all() as number[],
    optimize: () =>
      run(() => {
        db.exec("INSERT INTO users_fts (users_fts) VALUES ('optimize')");
        db.pragma('optimize = 0x10002');
      }),
    transaction: (work) =>
      mutex.run(async () => {
        assertOpen();
        db.exec('BEGIN IMMEDIATE');
        const view = transactionView(db, operations);
        try {
          const result = await work(view.store);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          view.finish();
        }
      }),
    close: () =>
      mutex.run(() => {
        if (closed) return;
        closed = true;
        db.pragma('optimize');
        db.close();
      }),
  };
}

/** What `work` receives: the same operations, run immediately inside the open transaction. */
function transactionView(db: Database.Database, operations: SyncStore) {
  let open = true;
  let savepoints = 0;
  const store: Store = {
    ...bindMethods(operations, (operation) => {
      if (!open) return Promise.reject(new Error('the transaction has already finished'));
      try {
        return Promise.resolve(operation());
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }),
    async transaction(work) {
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
    close: () => Promise.reject(new Error('close the store, not its transaction')),
  };
  return {
    store,
    finish() {
      open = false;
    },
  };
}

/** The port's async methods over the synchronous operations (STORE_METHODS is checked complete). */
function bindMethods(
  operations: SyncStore,
  run: <T>(operation: () => T) => Promise<T>,
): StoreMethods {
  const entries = STORE_METHODS.map((name) => {
    const method = operations[name] as (...args: unknown[]) => unknown;
    return [name, (...args: unknown[]) => run(() => method.apply(operations, args))];
  });
  return Object.fromEntries(entries) as StoreMethods;
}
