import { describe, expect, it } from 'vitest';
import { describeStoreContract, seedStoreFixture } from '../../testing/index.ts';
import { MemoryStore } from './memory-store.ts';

describeStoreContract('MemoryStore', async () => new MemoryStore());

describe('MemoryStore', () => {
  it('rolls back a nested transaction alone, like a savepoint', async () => {
    const store = new MemoryStore();
    await seedStoreFixture(store);
    await store.transaction('org-a', async (tx) => {
      await tx.insertOrganization({ id: 'kept', name: 'Kept' });
      await expect(
        tx.transaction('org-a', async (inner) => {
          await inner.insertOrganization({ id: 'dropped', name: 'Dropped' });
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
    });
    expect((await store.listOrganizations()).map((o) => o.id)).toEqual(['kept', 'org-a', 'org-b']);
  });

  it('hands out copies: changing a returned row changes nothing stored', async () => {
    const store = new MemoryStore();
    await seedStoreFixture(store);
    const user = (await store.getUser('org-a', 'u05'))!;
    user.displayName = 'Changed';
    const [node] = await store.listNodes('org-a');
    node!.hostname = 'changed';
    expect((await store.getUser('org-a', 'u05'))!.displayName).toBe('Jane Doe');
    expect((await store.listNodes('org-a'))[0]!.hostname).not.toBe('changed');
  });

  it('refuses a duplicate id, and writes nothing of that batch', async () => {
    const store = new MemoryStore();
    await seedStoreFixture(store);
    const user = (await store.getUser('org-a', 'u05'))!;
    const fresh = { ...user, id: 'fresh' };
    await expect(store.insertUsers([fresh, user])).rejects.toThrow(/duplicate id u05/);
    expect(await store.getUser('org-a', 'fresh')).toBeUndefined();
  });

  it('refuses work on a view after its transaction ended', async () => {
    const store = new MemoryStore();
    let view: Parameters<Parameters<MemoryStore['transaction']>[1]>[0] | undefined;
    await store.transaction('org-a', async (tx) => {
      view = tx;
    });
    await expect(view!.listOrganizations()).rejects.toThrow(/already finished/);
  });
});
