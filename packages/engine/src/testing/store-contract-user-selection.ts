import { USER_STATUSES } from '@hybrid-hub/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store, UserQuery } from '../store/store.ts';
import { ORG_A, ORG_B, seedStoreFixture, usersA, usersB } from './store-fixture.ts';

type Filter = Pick<UserQuery, 'q' | 'status'>;

const SEARCHES = ['', '  ', '@.', 'jane', 'JANE DOE', 'doe jane', 'alice', 'émile', 'mary-jane'];
const MORE_SEARCHES = ['a.example', 'zed.zulu', 'tester 0', 'bob', 'nobody', 'smith2', 'j d'];
const SUBSTRING_SEARCHES = ['mith', 'e.do', 'ZOLA', 'ÉM', 'jane.doe@a.example', 'ane.doe@a.ex'];

/** Bulk selection: users by id, and the ids of every user a users-list filter matches. */
export function describeUserSelectionContract(makeStore: () => Promise<Store>): void {
  describe('user selection', () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await seedStoreFixture(store);
      return () => store.close();
    });

    /** The ids `listUsers` matches across all its pages, in id order. */
    async function listedIds(orgId: string, filter: Filter): Promise<string[]> {
      const page = await store.listUsers(orgId, {
        ...filter,
        page: 1,
        pageSize: 1000,
        sort: { field: 'email', direction: 'desc' },
      });
      return page.items.map((u) => u.id).sort();
    }

    it('gets the users that exist among the ids, in their organization only', async () => {
      const found = await store.getUsers(ORG_A, ['u12', 'nobody', 'b-u1', 'u05', 'u12']);
      const expected = ['u05', 'u12'].map((id) => usersA.find((u) => u.id === id));
      expect([...found].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(expected);
      expect(await store.getUsers(ORG_B, ['b-u1', 'u05'])).toEqual([usersB[0]]);
      expect(await store.getUsers(ORG_A, [])).toEqual([]);
      expect(await store.getUsers('nope', ['u05'])).toEqual([]);
    });

    it('gets thousands of users in one call', async () => {
      const ids = [...Array.from({ length: 5000 }, (_, i) => `none-${i}`), 'u07'];
      expect((await store.getUsers(ORG_A, ids)).map((u) => u.id)).toEqual(['u07']);
    });

    it.each([...SEARCHES, ...MORE_SEARCHES, ...SUBSTRING_SEARCHES])(
      'lists the ids that listUsers matches for q=%j, in id order',
      async (q) => {
        const ids = await store.listUserIds(ORG_A, { q });
        expect(ids).toEqual(await listedIds(ORG_A, { q }));
        expect(ids).toEqual([...ids].sort());
      },
    );

    it.each(USER_STATUSES)(
      'lists the ids of every %s user, alone and with a search',
      async (status) => {
        const ids = await store.listUserIds(ORG_A, { status });
        expect(ids).toEqual(
          usersA
            .filter((u) => u.status === status)
            .map((u) => u.id)
            .sort(),
        );
        for (const q of ['tester', 'doe', 'a example']) {
          expect(await store.listUserIds(ORG_A, { q, status })).toEqual(
            await listedIds(ORG_A, { q, status }),
          );
        }
      },
    );

    it('lists ids of the asked organization only', async () => {
      expect(await store.listUserIds(ORG_A, {})).toEqual(usersA.map((u) => u.id).sort());
      expect(await store.listUserIds(ORG_B, { q: 'jane' })).toEqual(['b-u1']);
      expect(await store.listUserIds(ORG_B, { status: 'Pending' })).toEqual(['b-u2']);
      expect(await store.listUserIds('nope', {})).toEqual([]);
      expect(await store.listUserIds('nope', { q: 'jane' })).toEqual([]);
    });

    it('lists a renamed user under its new name only', async () => {
      const bob = usersA.find((u) => u.id === 'u12')!;
      await store.updateUser({ ...bob, displayName: 'Aaron Aardvark', version: 2 }, 1);
      expect(await store.listUserIds(ORG_A, { q: 'aardvark' })).toEqual(['u12']);
      expect(await store.listUserIds(ORG_A, { q: 'bob' })).toEqual(['u01', 'u12']);
      expect(await store.listUserIds(ORG_A, { q: 'bob', status: 'Error' })).toEqual(['u12']);
    });
  });
}
