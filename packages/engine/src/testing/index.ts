/** `@hybrid-hub/engine/testing`: test helpers for code built on the engine (Vitest only). */
export { describeStoreContract } from './store-contract.ts';
export { seedStoreFixture, usersA, usersB } from './store-fixture.ts';
