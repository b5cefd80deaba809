import type { Store } from '@hybrid-hub/engine';
import Database from 'better-sqlite3';
import { AsyncMutex } from '@hybrid-hub/engine';
import { applyMigrations } from './migrations.ts';
import { SqliteOperations, STORE_METHODS, type SyncStore } from './sqlite-operations.ts';

export interface SqliteStoreOptions {
  /** How long a write waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

type StoreMethods = Omit<Store, 'transaction' | 'close'>;

/**
 * The engine's Store on an embedded SQLite file (better-sqlite3: one synchronous connection).
 *
 * Transactions: the engine's `transaction(work)` awaits inside `work`, and better-sqlite3's own
 * transactions cannot span an await. So a transaction is `BEGIN IMMEDIATE … COMMIT` on the one
 * connection, held under a FIFO async mutex: while it is open, calls on the store itself wait
 * their turn, and `work` gets a view bound to the transaction whose calls run at once (a nested
 * `transaction()` on it becomes a SAVEPOINT). When no transaction is open or queued, calls run
 * straight away with no locking cost.
 */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #operations: SqliteOperations;
  readonly #mutex = new AsyncMutex();
  #closed = false;

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#operations = new SqliteOperations(db);
    bindMethods(this, this.#operations, (run) => this.#run(run));
  }

  /** Opens (creating if needed) the database file and brings its schema up to date. */
  static open(file: string, options: SqliteStoreOptions = {}): SqliteStore {
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
      return new SqliteStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Schema versions recorded in `schema_migrations` (for tests and diagnostics). */
  schemaVersions(): number[] {
    return this.#db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
  }

  /**
   * Refreshes the planner's statistics and merges the search index's segments. Worth running
   * after a bulk load such as the demo seed; cheap otherwise.
   */
  async optimize(): Promise<void> {
    await this.#run(() => {
      this.#db.exec("INSERT INTO users_fts (users_fts) VALUES ('optimize')");
      this.#db.pragma('optimize = 0x10002');
    });
  }

  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      this.#assertOpen();
      this.#db.exec('BEGIN IMMEDIATE');
      const view = new TransactionView(this.#db, this.#operations);
      try {
        const result = await work(view);
        this.#db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
        throw error;
      } finally {
        view.finish();
      }
    });
  }

  async close(): Promise<void> {
    await this.#mutex.run(() => {
      if (this.#closed) return;
      this.#closed = true;
      this.#db.pragma('optimize');
      this.#db.close();
    });
  }

  /** Runs a synchronous operation now when the connection is free, else after the queue. */
  #run<T>(operation: () => T): Promise<T> {
    if (this.#mutex.idle) {
      try {
        this.#assertOpen();
        return Promise.resolve(operation());
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return this.#mutex.run(() => {
      this.#assertOpen();
      return operation();
    });
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('the store is closed');
  }
}

// Declaration merging: the port's query and write methods are installed by bindMethods().
export interface SqliteStore extends StoreMethods {}

/** What `work` receives: the same operations, run immediately inside the open transaction. */
class TransactionView implements Store {
  readonly #db: Database.Database;
  #open = true;
  #savepoints = 0;

  constructor(db: Database.Database, operations: SqliteOperations) {
    this.#db = db;
    bindMethods(this, operations, (operation) => {
      if (!this.#open) return Promise.reject(new Error('the transaction has already finished'));
      try {
        return Promise.resolve(operation());
      } catch (error) {
        return Promise.reject(error as Error);
      }
    });
  }

  finish(): void {
    this.#open = false;
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (!this.#open) throw new Error('the transaction has already finished');
    const name = `nested_${++this.#savepoints}`;
    this.#db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(this);
      this.#db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.#db.exec(`ROLLBACK TO ${name}`);
      this.#db.exec(`RELEASE ${name}`);
      throw error;
    }
  }

  close(): Promise<void> {
    return Promise.reject(new Error('close the store, not its transaction'));
  }
}
interface TransactionView extends StoreMethods {}

function bindMethods(
  target: object,
  operations: SyncStore,
  run: <T>(operation: () => T) => Promise<T>,
): void {
  for (const name of STORE_METHODS) {
    const method = operations[name] as (...args: unknown[]) => unknown;
    Object.defineProperty(target, name, {
      value: (...args: unknown[]) => run(() => method.apply(operations, args)),
      enumerable: false,
    });
  }
}
