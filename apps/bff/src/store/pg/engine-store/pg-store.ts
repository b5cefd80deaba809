import {
  AsyncMutex,
  storeMethods,
  type Store,
  type StoreAreas,
  type StoreCapabilities,
  type StoreMethods,
} from '@hybrid-hub/engine';
import type pg from 'pg';
import { applyPgMigrations, pgSchemaVersions } from '../pg-migrations.ts';
import { holdConnection } from '../pg-pool.ts';
import type { PgQueryable } from '../pg-queryable.ts';
import { pgAreas } from './pg-areas.ts';

export interface PgStoreOptions {
  /** Overrides `capabilities.dueWorkBatch` (PG_DUE_WORK_BATCH). */
  dueWorkBatch?: number;
  /**
   * A transaction whose connection waits this long for its next statement is ended by the
   * server (ms, default PG_IDLE_TRANSACTION_TIMEOUT_MS).
   */
  idleTransactionTimeoutMs?: number;
}

/**
 * How long the server lets a transaction of the store sit idle, waiting for its replica's next
 * statement, before ending it. The engine's transactions never wait on anything but the
 * database between statements, so an idle one belongs to a replica that froze (SIGSTOP, a
 * stalled VM) while holding its organization's lock: ended, it frees the organization for the
 * replica that took over within seconds, not after the pool's minute (pg-pool.ts).
 */
export const PG_IDLE_TRANSACTION_TIMEOUT_MS = 5_000;

/** The engine's Store on PostgreSQL, plus what only a PostgreSQL store can do. */
export interface PgStore extends Store {
  /** Schema versions recorded in `schema_migrations` (for tests and diagnostics). */
  schemaVersions(): Promise<number[]>;
  /** Refreshes the planner's statistics of the store's tables: after a bulk load (the demo seed). */
  optimize(): Promise<void>;
  /** The pool the store runs on (the BFF's own tables share it). */
  readonly pool: pg.Pool;
}

/**
 * Users evaluated, or job items applied or settled, per transaction of the due work. Smaller
 * than SQLite's 20,000 (sqlite-due-work-batch.ts) because PostgreSQL's costs lie elsewhere: a
 * commit is one WAL flush whatever the batch (SQLite rewrites every page the batch touched),
 * while a long transaction holds the organization's lock (a Save on another replica waits for
 * the batch's next step at best), keeps its row versions from being vacuumed, and is lost whole
 * if its replica dies (the next leader redoes it). Measured with the engine on the embedded
 * PostgreSQL (200,000-user demo, activating its 34,983 Not activated users until none is
 * Pending, a busy 2-core machine): 20.3 and 27.9 s with batches of 5,000, 18.9 s with 20,000,
 * within the machine's noise; the time goes to the statements (writing the users is half of
 * it), not to commits. HUB_DUE_WORK_BATCH overrides it.
 */
export const PG_DUE_WORK_BATCH = 5_000;

/**
 * Opens the engine's Store on `pool`'s database (its `search_path` schema): applies the
 * migrations (once across replicas, pg-migrations.ts) and returns the store.
 *
 * Transactions: one connection of the pool each, `BEGIN`, then the organization's lock
 * `pg_advisory_xact_lock(namespace, hashtext(orgId))` (released by COMMIT or ROLLBACK), so the
 * transactions of one organization run one at a time across every replica on this database,
 * and different organizations' in parallel. The namespace is a hash of the schema: stores in
 * different schemas (tests) never wait for each other. Within one process, transactions of one
 * organization first queue on a mutex of their own, so a burst of them holds one connection
 * waiting on the lock, not the whole pool.
 */
export async function openPgStore(pool: pg.Pool, options: PgStoreOptions = {}): Promise<PgStore> {
  await applyPgMigrations(pool);
  // Two connections opened up front: the first transaction and a read beside it do not pay for
  // a connection's start (tens of ms on a busy machine) on the first request.
  const clients = await Promise.all([pool.connect(), pool.connect()]);
  const { rows } = await clients[0]
    .query<{ namespace: number }>(
      "SELECT hashtext('hybrid-hub organization ' || current_schema()) AS namespace",
    )
    .finally(() => clients.forEach((client) => client.release()));
  return new PostgresStore(
    pool,
    rows[0]!.namespace,
    { dueWorkBatch: options.dueWorkBatch ?? PG_DUE_WORK_BATCH },
    Math.trunc(options.idleTransactionTimeoutMs ?? PG_IDLE_TRANSACTION_TIMEOUT_MS),
  );
}

/** How often a transaction asks pg_locks whether another replica waits for it (ms). */
const LOCK_CHECK_MS = 20;

/** Is another transaction (any replica) waiting for this organization's lock? */
const LOCK_WAITER_SQL = /* sql */ `SELECT EXISTS (
  SELECT 1 FROM pg_locks
  WHERE locktype = 'advisory' AND NOT granted
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND classid = $1::int4::oid AND objid = hashtext($2)::oid AND objsubid = 2
) AS waiting`;

/**
 * A base whose instances carry the Store's methods as own properties, made from the port's
 * method list (as MemoryStore does), so that no class here lists them again.
 */
const WithStoreMethods = class {
  constructor(methods: StoreMethods) {
    Object.assign(this, methods);
  }
} as new (methods: StoreMethods) => StoreMethods;

class PostgresStore extends WithStoreMethods implements PgStore {
  readonly pool: pg.Pool;
  readonly capabilities: StoreCapabilities;
  readonly #namespace: number;
  readonly #idleTimeoutMs: number;
  readonly #state: { closed: boolean };
  /** One queue per organization with a transaction open or waiting in this process. */
  readonly #queues = new Map<string, AsyncMutex>();
  readonly #running = new Set<Promise<unknown>>();

  constructor(
    pool: pg.Pool,
    namespace: number,
    capabilities: StoreCapabilities,
    idleTimeoutMs: number,
  ) {
    const state = { closed: false };
    const areas = pgAreas(pool);
    super(bindAreas(areas, () => assertOpen(state)));
    this.#state = state;
    this.pool = pool;
    this.#namespace = namespace;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.capabilities = capabilities;
    // The outbox's seq must come from under the organization's lock (ids in commit order per
    // organization, issue 14 #3), so an append outside a transaction becomes one.
    this.appendEvents = (orgId, at, events) =>
      events.length === 0
        ? this.#checked(() => areas.events.appendEvents(orgId, at, events))
        : this.transaction(orgId, (tx) => tx.appendEvents(orgId, at, events));
  }

  transaction<T>(orgId: string, work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.#state.closed) return Promise.reject(new Error('the store is closed'));
    let queue = this.#queues.get(orgId);
    if (!queue) {
      queue = new AsyncMutex();
      this.#queues.set(orgId, queue);
    }
    const local = queue;
    const run = local
      .run(() => this.#runTransaction(orgId, local, work))
      .finally(() => {
        if (local.idle && this.#queues.get(orgId) === local) this.#queues.delete(orgId);
      });
    this.#running.add(run);
    void run.catch(() => undefined).finally(() => this.#running.delete(run));
    return run;
  }

  async #runTransaction<T>(
    orgId: string,
    local: AsyncMutex,
    work: (tx: Store) => Promise<T>,
  ): Promise<T> {
    assertOpen(this.#state);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A connection lost while the work awaits something else (the server restarted, the backend
    // terminated) is reported as an 'error' event, which the pool listens for only on idle
    // connections: unheard, it would end the process. Heard, the next statement fails, the
    // transaction rejects, and the connection is dropped.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    let view: TransactionView | undefined;
    try {
      await client.query(
        `BEGIN; SET LOCAL idle_in_transaction_session_timeout = ${this.#idleTimeoutMs}`,
      );
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        this.#namespace,
        orgId,
      ]);
      let checkedAt = -Infinity;
      let waiting = false;
      view = new TransactionView(client, this.capabilities, async () => {
        // Cheap first: a transaction of this process queued behind this one. Then the other
        // replicas: a waiter on the lock shows in pg_locks (a round trip on this connection,
        // ~0.2 ms of server time), asked at most every LOCK_CHECK_MS: a waiter on another
        // replica is seen that much later at worst, and a batch asking between steps of a few
        // milliseconds does not double its round trips.
        if (local.waiting > 0) return true;
        if (performance.now() - checkedAt < LOCK_CHECK_MS) return waiting;
        const { rows } = await view!.sql.query<{ waiting: boolean }>(LOCK_WAITER_SQL, [
          this.#namespace,
          orgId,
        ]);
        checkedAt = performance.now();
        waiting = rows[0]!.waiting;
        return waiting;
      });
      const result = await work(view.store);
      view.finish();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      view?.finish();
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
      throw error;
    } finally {
      // A connection lost, or whose ROLLBACK failed, is in an unknown state: the pool drops it.
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** Outside a transaction nothing of the caller's holds a lock: there is nothing to end. */
  shouldYield(): Promise<boolean> {
    return Promise.resolve(false);
  }

  schemaVersions(): Promise<number[]> {
    return this.#checked(() => pgSchemaVersions(this.pool));
  }

  optimize(): Promise<void> {
    return this.#checked(async () => {
      // This schema's tables only: a plain VACUUM would also visit every other schema's.
      const { rows } = await this.pool.query<{ name: string }>(
        'SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema()',
      );
      if (rows.length === 0) return;
      // VACUUM, not only ANALYZE: after a bulk load it marks the pages all-visible, so index-only
      // scans (a page by number, the email sort) skip the table, and it flushes the trigram
      // index's pending list. Measured on 200,000 users: page 1,592 by name 135 -> 13 ms.
      // It may take longer than a request's statement limit: a connection of its own, unlimited.
      const { client, release } = await holdConnection(this.pool);
      try {
        await client.query('SET statement_timeout = 0');
        await client.query(`VACUUM (ANALYZE) ${rows.map((r) => r.name).join(', ')}`);
      } finally {
        release(true);
      }
    });
  }

  /** Waits for the transactions already started, then ends the pool. */
  async close(): Promise<void> {
    if (this.#state.closed) return;
    this.#state.closed = true;
    await Promise.allSettled([...this.#running]);
    if (!this.pool.ended) await this.pool.end();
  }

  #checked<T>(operation: () => Promise<T>): Promise<T> {
    try {
      assertOpen(this.#state);
      return operation();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}

/** What `work` receives: the same areas on the transaction's connection; nested = SAVEPOINT. */
class TransactionView {
  readonly store: Store;
  readonly sql: PgQueryable;
  #open = true;
  #savepoints = 0;

  constructor(
    client: pg.PoolClient,
    capabilities: StoreCapabilities,
    shouldYield: () => Promise<boolean>,
  ) {
    // One statement at a time on the connection, in call order: the areas may ask two things at
    // once (Promise.all), which pg queues today with a deprecation warning and pg 9 refuses.
    let last: Promise<unknown> = Promise.resolve();
    this.sql = {
      query: (text, values) => {
        const next = last.then(() =>
          this.#open
            ? client.query(text, values)
            : Promise.reject(new Error('the transaction has already finished')),
        );
        last = next.catch(() => undefined);
        return next;
      },
    };
    const store: Store = {
      ...bindAreas(pgAreas(this.sql), () => {
        if (!this.#open) throw new Error('the transaction has already finished');
      }),
      transaction: async (_orgId, work) => {
        const name = `nested_${++this.#savepoints}`;
        await this.sql.query(`SAVEPOINT ${name}`);
        try {
          const result = await work(store);
          await this.sql.query(`RELEASE SAVEPOINT ${name}`);
          return result;
        } catch (error) {
          await this.sql.query(`ROLLBACK TO SAVEPOINT ${name}`);
          await this.sql.query(`RELEASE SAVEPOINT ${name}`);
          throw error;
        }
      },
      shouldYield,
      capabilities,
      close: () => Promise.reject(new Error('close the store, not its transaction')),
    };
    this.store = store;
  }

  finish(): void {
    this.#open = false;
  }
}

function assertOpen(state: { closed: boolean }): void {
  if (state.closed) throw new Error('the store is closed');
}

/** The port's methods forwarded to the areas, each after `check` (closed store or transaction). */
function bindAreas(areas: StoreAreas, check: () => void): StoreMethods {
  return storeMethods((area, name) => {
    const target = areas[area] as unknown as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    const method = target[name]!;
    return (...args: unknown[]) => {
      try {
        check();
      } catch (error) {
        return Promise.reject(error as Error);
      }
      return method.apply(target, args);
    };
  });
}
