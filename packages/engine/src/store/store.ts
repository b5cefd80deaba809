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
   * True when other work waits for the store until the running transaction ends (a store that
   * runs one transaction at a time, queuing writes behind it). A long transaction of the due work
   * ends at its next step then, so that a user's Save does not wait for a whole batch.
   */
  othersWaiting(): Promise<boolean>;
  close(): Promise<void>;
}
