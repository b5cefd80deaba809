import type { StoreMethods } from './store-areas.ts';

export type { DeploymentRows } from './deployment-port.ts';
export type { PageRequest, Paged } from './paging.ts';
export type { SessionFilter } from './simulation-port.ts';
export type { UserPage, UserQuery, UserWrite } from './users-port.ts';

/**
 * The engine's storage port: the methods of its areas (store-areas.ts: deployment, directory,
 * users, jobs, events, alarms, simulation, each in `<area>-port.ts`) and transactions. Every
 * method is async so that a networked store (PostgreSQL, with several BFF replicas) fits behind
 * the same interface as the embedded ones (in-memory for the browser mocks and unit tests,
 * SQLite for the BFF).
 *
 * Stores do the set-based work (search, filter, sort, page, count) because only they can do it
 * with indexes on a 200,000-user organization; the rules stay in the engine.
 * Every query is scoped by organization: an id of another organization is simply not found.
 */
/** What the engine fits its work to, as each store states it for itself. */
export interface StoreCapabilities {
  /**
   * Users evaluated, or job items applied or settled, per transaction of the due work, as this
   * store commits them best: bigger finishes a big job sooner, smaller holds a transaction (and
   * what waits behind it) less long. `EngineOptions.dueWorkBatchSize` overrides it.
   */
  dueWorkBatch: number;
}

export interface Store extends StoreMethods {
  /**
   * Runs `work` as a transaction of the organization `orgId`: all of its writes land, or none.
   * The concurrency promise, all the engine relies on: transactions of ONE organization run one
   * at a time (the second sees every write of the first); transactions of different
   * organizations may run at the same time (a PostgreSQL store: a lock per organization), or in
   * turn (the embedded stores run every transaction in turn, which keeps the promise too). So
   * `work` reads and writes `orgId`'s rows only. Calls outside a transaction never see its
   * writes before it commits: they either wait for it or read the last committed state.
   * `tx.transaction(orgId, …)` inside it is a savepoint: its writes roll back on throw.
   */
  transaction<T>(orgId: string, work: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * Yield point: should the running transaction end at its next step? The due work asks between
   * the steps of a long transaction and, on true, commits what it has done and goes on in the
   * next one, so that a user's Save does not wait for a whole batch. True while other work waits
   * for the open transaction to end: at least another transaction of its organization (a
   * PostgreSQL store: a waiter on the organization's lock), or any call queued behind it (the
   * embedded stores, which run everything in turn). False when nothing waits, so the work runs
   * its batch (`capabilities.dueWorkBatch`) in one transaction.
   */
  shouldYield(): Promise<boolean>;
  readonly capabilities: StoreCapabilities;
  close(): Promise<void>;
}
