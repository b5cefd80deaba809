import { describe } from 'vitest';
import type { Store } from '../store.ts';
import { describeStoreRestContract } from './store-contract-rest.ts';
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
  });
}
