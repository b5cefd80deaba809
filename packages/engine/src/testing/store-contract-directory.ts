import { beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../model/deployment.ts';
import type { Store } from '../store/store.ts';
import { directoryA, directoryB, NOW, ORG_A, ORG_B, seedStoreFixture } from './store-fixture.ts';

const HOUR = 3_600_000;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sorted = (entries: DirectoryEntry[]) => [...entries].sort(byId);
const entryA = (id: string) => directoryA.find((e) => e.id === id)!;

/** Activation's batch lookups in the directory and JID accounts, and the Lab's writes to them. */
export function describeDirectoryContract(makeStore: () => Promise<Store>): void {
  describe('directory batch lookups and lab writes', () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await seedStoreFixture(store);
      return () => store.close();
    });

    it('finds entries by any of the mailids (case-insensitive) or userids, each once', async () => {
      const found = await store.findDirectoryEntries(ORG_A, {
        mailids: ['JANE.DOE@A.EXAMPLE', 'nobody@a.example'],
        userids: ['jane.doe', 'dan.brown', 'Bob.Jones'],
      });
      expect(sorted(found)).toEqual(['d1', 'd2', 'd4'].map(entryA));
      expect(
        sorted(await store.findDirectoryEntries(ORG_A, { mailids: [], userids: ['bob.jones'] })),
      ).toEqual([entryA('d3')]);
      expect(
        sorted(
          await store.findDirectoryEntries(ORG_A, {
            mailids: ['dan.brown@A.example', 'dan.brown@a.example'],
            userids: [],
          }),
        ),
      ).toEqual([entryA('d4')]);
      expect(await store.findDirectoryEntries(ORG_A, { mailids: [], userids: [] })).toEqual([]);
    });

    it('finds entries of the asked organization only', async () => {
      const keys = { mailids: ['jane.doe@a.example'], userids: ['jane.doe'] };
      expect(await store.findDirectoryEntries(ORG_B, keys)).toEqual(directoryB);
      expect(await store.findDirectoryEntries('nope', keys)).toEqual([]);
    });

    it('answers a batch of thousands of keys in one call', async () => {
      const mailids = Array.from({ length: 3000 }, (_, i) => `user${i}@a.example`);
      const userids = Array.from({ length: 3000 }, (_, i) => `user${i}`);
      const found = await store.findDirectoryEntries(ORG_A, {
        mailids: [...mailids, 'Jane.Doe@a.example'],
        userids: [...userids, 'dan.brown'],
      });
      expect(sorted(found)).toEqual(['d1', 'd2', 'd4'].map(entryA));
    });

    it('finds the JID accounts that exist, in their organization', async () => {
      const account = { orgId: ORG_A, jid: 'jane.doe@im.example', createdAt: NOW - HOUR };
      expect(
        await store.findJidAccounts(ORG_A, ['nobody@im.example', 'jane.doe@im.example']),
      ).toEqual([account]);
      expect(
        await store.findJidAccounts(ORG_A, ['jane.doe@im.example', 'jane.doe@im.example']),
      ).toEqual([account]);
      expect(await store.findJidAccounts(ORG_A, ['JANE.DOE@im.example'])).toEqual([]);
      expect(await store.findJidAccounts(ORG_B, ['jane.doe@im.example'])).toEqual([]);
      expect(await store.findJidAccounts(ORG_A, [])).toEqual([]);
    });

    it('updates an entry: its lookups and cluster counts follow', async () => {
      const moved = {
        ...entryA('d4'),
        impClusterId: 'a-imp-2',
        mailid: 'Daniel.Brown@a.example',
        homeImpNodeId: 'a-imp-2-pub',
      };
      await store.updateDirectoryEntry(moved);
      expect(await store.findDirectoryEntriesByMailid(ORG_A, 'daniel.brown@A.EXAMPLE')).toEqual([
        moved,
      ]);
      expect(await store.findDirectoryEntriesByMailid(ORG_A, 'dan.brown@a.example')).toEqual([]);
      expect(
        await store.findDirectoryEntries(ORG_A, {
          mailids: ['DANIEL.brown@a.example'],
          userids: [],
        }),
      ).toEqual([moved]);
      expect(await store.countDirectoryEntries(ORG_A, ['a-imp-1'])).toBe(2);
      expect(await store.countDirectoryEntries(ORG_A, ['a-imp-2'])).toBe(2);
    });

    it('does not update an entry through another organization', async () => {
      await store.updateDirectoryEntry({ ...directoryB[0]!, orgId: ORG_A, mailid: 'x@a.example' });
      await store.updateDirectoryEntry({ ...entryA('d4'), orgId: ORG_B, mailid: 'x@a.example' });
      expect(await store.findDirectoryEntriesByMailid(ORG_A, 'x@a.example')).toEqual([]);
      expect(await store.findDirectoryEntriesByMailid(ORG_B, 'x@a.example')).toEqual([]);
      expect(await store.findDirectoryEntriesByUserid(ORG_A, 'dan.brown')).toEqual([entryA('d4')]);
    });

    it('deletes an entry and a JID account, in their organization only', async () => {
      await store.deleteDirectoryEntry(ORG_B, 'd1');
      await store.deleteJidAccount(ORG_B, 'jane.doe@im.example');
      expect(await store.findDirectoryEntriesByUserid(ORG_A, 'jane.doe')).toHaveLength(2);
      expect(await store.findJidAccount(ORG_A, 'jane.doe@im.example')).toBeDefined();

      await store.deleteDirectoryEntry(ORG_A, 'd1');
      await store.deleteJidAccount(ORG_A, 'jane.doe@im.example');
      expect(await store.findDirectoryEntriesByUserid(ORG_A, 'jane.doe')).toEqual([entryA('d2')]);
      expect(await store.countDirectoryEntries(ORG_A, ['a-imp-1'])).toBe(2);
      expect(await store.findJidAccount(ORG_A, 'jane.doe@im.example')).toBeUndefined();
      expect(await store.findJidAccounts(ORG_A, ['jane.doe@im.example'])).toEqual([]);
      // Deleting what is not there is not an error.
      await store.deleteDirectoryEntry(ORG_A, 'd1');
      await store.deleteJidAccount(ORG_A, 'jane.doe@im.example');
    });

    it('rolls lab writes back with the transaction', async () => {
      const failing = store.transaction(ORG_A, async (tx) => {
        await tx.updateDirectoryEntry({ ...entryA('d4'), impClusterId: 'a-imp-2' });
        await tx.deleteDirectoryEntry(ORG_A, 'd1');
        await tx.deleteJidAccount(ORG_A, 'jane.doe@im.example');
        throw new Error('boom');
      });
      await expect(failing).rejects.toThrow('boom');
      expect(
        sorted(await store.findDirectoryEntries(ORG_A, { mailids: [], userids: ['jane.doe'] })),
      ).toEqual([entryA('d1'), entryA('d2')]);
      expect(await store.findDirectoryEntriesByUserid(ORG_A, 'dan.brown')).toEqual([entryA('d4')]);
      expect(await store.countDirectoryEntries(ORG_A, ['a-imp-1'])).toBe(3);
      expect(await store.findJidAccount(ORG_A, 'jane.doe@im.example')).toBeDefined();
    });
  });
}
