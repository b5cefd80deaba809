import { describe } from 'vitest';
import type { Store } from '../store/store.ts';
import { describeAlarmsContract } from './store-contract-alarms.ts';
import { describeDirectoryContract } from './store-contract-directory.ts';
import { describeEventsContract } from './store-contract-events.ts';
import { describeJobsContract } from './store-contract-jobs.ts';
import { describeMaintenanceContract } from './store-contract-maintenance.ts';
import { describeStoreRestContract } from './store-contract-rest.ts';
import { describeSimulationContract } from './store-contract-simulation.ts';
import { describeTransactionsContract } from './store-contract-transactions.ts';
import { describeUserSelectionContract } from './store-contract-user-selection.ts';
import { describeUserListContract } from './store-contract-users.ts';

/**
 * The conformance suite every Store implementation must pass (the in-memory one here, SQLite in
 * apps/bff): `describeStoreContract('SqliteStore', async () => SqliteStore.open(':memory:'))`.
 * `makeStore` returns a new, empty store for each test; the suite seeds its own small fixture
 * through the write methods and closes the store afterwards.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name} (store contract)`, () => {
    describeUserListContract(makeStore);
    describeStoreRestContract(makeStore);
    describe('transactions per organization', () => describeTransactionsContract(makeStore));
    describeUserSelectionContract(makeStore);
    describeDirectoryContract(makeStore);
    describeJobsContract(makeStore);
    describeEventsContract(makeStore);
    describe('maintenance and activity', () => describeMaintenanceContract(makeStore));
    describeSimulationContract(makeStore);
    describeAlarmsContract(makeStore);
  });
}
