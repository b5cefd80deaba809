import { beforeEach, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { ORG_A, ORG_B, seedStoreFixture } from './store-fixture.ts';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The port's concurrency promise, exactly: one organization's transactions run one at a time;
 * another organization's may run meanwhile or after (both keep the promise, neither is required).
 */
export function describeTransactionsContract(makeStore: () => Promise<Store>): void {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
    await seedStoreFixture(store);
    return () => store.close();
  });

  /** Reads a user, lets time pass, writes it back one version up: lost if another ran between. */
  const bumpVersion = (orgId: string, userId: string) =>
    store.transaction(orgId, async (tx) => {
      const [user] = await tx.getUsers(orgId, [userId]);
      await delay(5);
      return tx.updateUser({ ...user!, version: user!.version + 1 }, user!.version);
    });

  it("runs one organization's transactions one at a time: each sees the writes of the one before", async () => {
    const [before] = await store.getUsers(ORG_A, ['u01']);
    const written = await Promise.all([
      bumpVersion(ORG_A, 'u01'),
      bumpVersion(ORG_A, 'u01'),
      bumpVersion(ORG_A, 'u01'),
    ]);
    expect(written).toEqual([true, true, true]);
    const [after] = await store.getUsers(ORG_A, ['u01']);
    expect(after!.version).toBe(before!.version + 3);
  });

  it("lets another organization's transaction go on while one is open (at once or after it)", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = store.transaction(ORG_A, async (tx) => {
      await tx.advanceClockOffset(ORG_A, 1_000);
      await gate;
    });
    await delay(5);
    const other = bumpVersion(ORG_B, 'b-u1');
    await delay(5);
    release();
    await first;
    expect(await other).toBe(true);
    expect((await store.getClockOffsets()).get(ORG_A)).toBe(1_000);
  });
}
