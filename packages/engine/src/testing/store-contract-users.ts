import { USER_STATUSES, type UserSortField, type UserStatus } from '@hybrid-hub/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CloudUser } from '../model/user.ts';
import type { Store, UserPage, UserQuery } from '../store.ts';
import { ORG_A, ORG_B, seedStoreFixture, usersA } from './store-fixture.ts';

type Direction = 'asc' | 'desc';
const FIELDS: UserSortField[] = ['name', 'email', 'status', 'lastActivity'];

/** The documented order, written out independently of any store. */
function expectedOrder(
  users: readonly CloudUser[],
  field: UserSortField,
  direction: Direction,
): string[] {
  const key = (u: CloudUser): string | number | null =>
    field === 'name'
      ? u.displayName.toLowerCase()
      : field === 'email'
        ? u.email.toLowerCase()
        : field === 'status'
          ? USER_STATUSES.indexOf(u.status)
          : u.lastActivityAt;
  const cmp = (a: CloudUser, b: CloudUser) => {
    const x = key(a);
    const y = key(b);
    const byKey = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
    return byKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
  const sorted = [...users].sort(cmp).map((u) => u.id);
  return direction === 'asc' ? sorted : sorted.reverse();
}

const ids = (page: UserPage) => page.items.map((u) => u.id);

/** Users-list part of the store contract: search, filter, sort, page, cursors. */
export function describeUserListContract(makeStore: () => Promise<Store>): void {
  describe('listUsers', () => {
    let store: Store;
    const list = (query: Partial<UserQuery>, orgId = ORG_A) =>
      store.listUsers(orgId, {
        page: 1,
        pageSize: 100,
        sort: { field: 'name', direction: 'asc' },
        ...query,
      });

    beforeEach(async () => {
      store = await makeStore();
      await seedStoreFixture(store);
      return () => store.close();
    });

    it.each(FIELDS.flatMap((field) => (['asc', 'desc'] as const).map((d) => [field, d] as const)))(
      'sorts by %s %s, ties by id in the same direction',
      async (field, direction) => {
        const page = await list({ sort: { field, direction } });
        expect(ids(page)).toEqual(expectedOrder(usersA, field, direction));
        expect(page.total).toBe(usersA.length);
      },
    );

    it('pages by number with the full total, and an empty page beyond the end', async () => {
      const all = expectedOrder(usersA, 'name', 'asc');
      const second = await list({ page: 2, pageSize: 7 });
      expect(ids(second)).toEqual(all.slice(7, 14));
      expect(second.total).toBe(all.length);
      const first = await list({ page: 1, pageSize: 7 });
      expect(first.prevCursor).toBeNull();
      expect(first.nextCursor).not.toBeNull();
      const last = await list({ page: Math.ceil(all.length / 7), pageSize: 7 });
      expect(ids(last)).toEqual(all.slice(Math.floor(all.length / 7) * 7));
      expect(last.nextCursor).toBeNull();
      const beyond = await list({ page: 99, pageSize: 7 });
      expect(beyond.items).toEqual([]);
      expect(beyond.total).toBe(all.length);
      expect(beyond.nextCursor).toBeNull();
    });

    it.each(FIELDS.flatMap((field) => (['asc', 'desc'] as const).map((d) => [field, d] as const)))(
      'answers every page number in %s %s with the right rows and cursors (first half and last)',
      async (field, direction) => {
        const sort = { field, direction };
        const pageSize = 6;
        const expected = expectedOrder(usersA, field, direction);
        const pages = Math.ceil(expected.length / pageSize);
        for (let number = 1; number <= pages; number++) {
          const page = await list({ sort, page: number, pageSize });
          const start = (number - 1) * pageSize;
          expect(ids(page), `page ${number}`).toEqual(expected.slice(start, start + pageSize));
          expect(page.prevCursor === null, `page ${number} prev`).toBe(number === 1);
          expect(page.nextCursor === null, `page ${number} next`).toBe(number === pages);
        }
      },
    );

    it.each(FIELDS.flatMap((field) => (['asc', 'desc'] as const).map((d) => [field, d] as const)))(
      'walks %s %s by next cursors and back by prev cursors, page for page',
      async (field, direction) => {
        const sort = { field, direction };
        const pageSize = 7;
        const expected = expectedOrder(usersA, field, direction);
        const pages: string[][] = [];
        for (let i = 0; i < expected.length; i += pageSize)
          pages.push(expected.slice(i, i + pageSize));

        let page = await list({ sort, pageSize });
        const cursors: UserPage[] = [page];
        for (let n = 1; n < pages.length; n++) {
          expect(page.nextCursor).not.toBeNull();
          page = await list({ sort, pageSize, cursor: page.nextCursor!, page: 1 });
          expect(ids(page)).toEqual(pages[n]);
          expect(ids(await list({ sort, pageSize, page: n + 1 }))).toEqual(pages[n]);
          expect(page.total).toBe(expected.length);
          cursors.push(page);
        }
        expect(page.nextCursor).toBeNull();
        for (let n = pages.length - 2; n >= 0; n--) {
          expect(page.prevCursor).not.toBeNull();
          page = await list({ sort, pageSize, cursor: page.prevCursor! });
          expect(ids(page)).toEqual(pages[n]);
        }
        expect(page.prevCursor).toBeNull();
      },
    );

    it('combines search, status filter and cursors', async () => {
      const matching = usersA.filter(
        (u) => u.displayName.startsWith('Tester') && u.status === 'Active',
      );
      const expected = expectedOrder(matching, 'lastActivity', 'desc');
      const query = {
        q: 'tester',
        status: 'Active' as UserStatus,
        sort: { field: 'lastActivity' as const, direction: 'desc' as const },
        pageSize: 2,
      };
      const first = await list(query);
      expect(first.total).toBe(matching.length);
      const second = await list({ ...query, cursor: first.nextCursor! });
      expect([...ids(first), ...ids(second)]).toEqual(expected.slice(0, 4));
    });

    it.each([
      ['jane', ['u02', 'u05', 'u14', 'u18']],
      ['JANE doe', ['u05', 'u18']],
      ['doe jo', ['u11']],
      ['smith2', ['u03']],
      ['mj watson', ['u14']],
      ['a.example tester.01', ['t30']],
      ['zed', ['u10']],
      ['emile', ['u20']],
      ['émile', ['u20']],
      ['oe', []],
      ['jane xyz', []],
    ])('searches %j by word prefixes of name and email', async (q, expected) => {
      const page = await list({ q, sort: { field: 'email', direction: 'asc' } });
      expect([...ids(page)].sort()).toEqual([...expected].sort());
      expect(page.total).toBe(expected.length);
    });

    it('treats a search without words as no search', async () => {
      expect((await list({ q: ' .-@ ' })).total).toBe(usersA.length);
    });

    it.each(USER_STATUSES)('filters by status %s', async (status) => {
      const page = await list({ status });
      expect(ids(page)).toEqual(
        expectedOrder(
          usersA.filter((u) => u.status === status),
          'name',
          'asc',
        ),
      );
    });

    it('returns an empty page, no cursors, when nothing matches', async () => {
      expect(await list({ q: 'nobody' })).toEqual({
        items: [],
        total: 0,
        nextCursor: null,
        prevCursor: null,
      });
    });

    it('rejects a malformed cursor, or one made for another sort, as a cursor ValidationError', async () => {
      await expect(list({ cursor: 'not a cursor' })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'cursor',
      });
      await expect(list({ cursor: 'e30' })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'cursor',
      });
      const byName = await list({ pageSize: 5 });
      await expect(
        list({ cursor: byName.nextCursor!, sort: { field: 'status', direction: 'asc' } }),
      ).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'cursor',
      });
    });

    it('lists only the organization asked for, with the names of the assignment', async () => {
      const b = await list({}, ORG_B);
      expect(ids(b)).toEqual(['b-u1', 'b-u2']);
      expect(b.items[0]).toMatchObject({
        orgId: ORG_B,
        clusterName: 'Expressway B',
        nodeHostname: 'exp.b.example',
      });
      expect((await list({ q: 'zara' })).total).toBe(0);
      expect((await list({}, 'no-such-org')).total).toBe(0);
    });

    it('returns the stored user as a view', async () => {
      const jane = usersA.find((u) => u.id === 'u05')!;
      const view = await store.getUser(ORG_A, 'u05');
      expect(view).toEqual({
        ...jane,
        clusterName: 'Expressway One',
        nodeHostname: 'exp-b.a.example',
      });
      expect(await store.getUser(ORG_B, 'u05')).toBeUndefined();
      expect(await store.getUser(ORG_A, 'b-u1')).toBeUndefined();
      const notActivated = await store.getUser(ORG_A, 'u01');
      expect(notActivated).toMatchObject({ clusterName: null, nodeHostname: null });
    });
  });
}
