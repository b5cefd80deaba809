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
   * Runs `work` atomically: all of its writes land, or none. Transactions run one at a time.
   * Calls outside it never see its writes before it commits: they either wait for it or read
   * the last committed state (as a PostgreSQL store would).
   */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * True when other work waits for the store until the running transaction ends (a store that
   * runs one transaction at a time, queuing writes behind it). A long transaction of the due work
   * ends at its next step then, so that a user's Save does not wait for a whole batch.
   */
  othersWaiting(): Promise<boolean>;
  close(): Promise<void>;
}
