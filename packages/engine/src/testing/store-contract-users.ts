import { USER_STATUSES, type UserSortField, type UserStatus } from '@hybrid-hub/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CloudUser } from '../model/user.ts';
import type { Store, UserPage, UserQuery } from '../store/store.ts';
import { makeUser, ORG_A, ORG_B, seedStoreFixture, usersA } from './store-fixture.ts';

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

    it('orders names and emails by code point, as PostgreSQL\'s COLLATE "C" and SQLite\'s BINARY do', async () => {
      // U+FF5A (fullwidth z) comes before U+1D49C (script A) by code point, after it by UTF-16
      // code unit (a surrogate pair starts at U+D835).
      const wide = makeUser(ORG_B, ['cp-1', '\uFF5Aeta Wide', '\uFF5Aeta@b.example', 'Active', 1]);
      const script = makeUser(ORG_B, [
        'cp-2',
        '\u{1D49C}lpha Script',
        '\u{1D49C}@b.example',
        'Active',
        1,
      ]);
      await store.insertUsers([script, wide]);
      for (const field of ['name', 'email'] as const) {
        const page = await list({ q: '@b.example', sort: { field, direction: 'asc' } }, ORG_B);
        const order = ids(page).filter((id) => id.startsWith('cp-'));
        expect(order, field).toEqual(['cp-1', 'cp-2']);
        const first = await list({ pageSize: 1, sort: { field, direction: 'desc' } }, ORG_B);
        expect(ids(first), field).toEqual(['cp-2']);
        const next = await list(
          { pageSize: 1, cursor: first.nextCursor!, sort: { field, direction: 'desc' } },
          ORG_B,
        );
        expect(ids(next), field).toEqual(['cp-1']);
      }
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
      ['jane xyz', []],
      // Three characters or more: anywhere in the name or email.
      ['mith', ['u03', 'u07']],
      ['atson', ['u14']],
      ['ice.sm', ['u03', 'u07']],
      ['e.do', ['u05']],
      ['zola@a', ['u20']],
      ['ry-ja', ['u14']],
      ['doe', ['u05', 'u11', 'u18']],
      // Case and accents aside, both ways.
      ['ZOLA', ['u20']],
      ['émile', ['u20']],
      ['ÉMILE zOlA', ['u20']],
      ['Zulu@A.Exa', ['u10']],
      // One or two characters: the start of a word of the name or email.
      ['oe', []],
      ['j', ['u02', 'u05', 'u11', 'u12', 'u14', 'u18']],
      ['jo', ['u11', 'u12']],
      ['ÉM', ['u20']],
      ['j doe', ['u05', 'u11', 'u18']],
      // Every word must match; a repeated word counts once; words without letters are left out.
      ['doe DOE doe', ['u05', 'u11', 'u18']],
      ['jane - @', ['u02', 'u05', 'u14', 'u18']],
      ['tables bob', ['u01']],
    ] as [string, string[]][])('searches %j in any part of name or email', async (q, expected) => {
      const page = await list({ q, sort: { field: 'email', direction: 'asc' } });
      expect([...ids(page)].sort()).toEqual([...expected].sort());
      expect(page.total).toBe(expected.length);
    });

    it('treats a search without words as no search', async () => {
      expect((await list({ q: ' .-@ ' })).total).toBe(usersA.length);
    });

    it('finds the one user of a whole email address (any case), though another email holds it', async () => {
      const plus = makeUser(ORG_A, ['u31', 'Kim Lee', 'kim.lee+hub@a.example', 'Active', 3]);
      const longer = makeUser(ORG_A, ['u32', 'Kim Lee', 'akim.lee+hub@a.example', 'Error', 4]);
      await store.insertUsers([plus, longer]);
      const exact = await list({ q: 'KIM.LEE+hub@a.example' });
      expect(ids(exact)).toEqual(['u31']);
      expect(exact.total).toBe(1);
      expect(ids(await list({ q: 'zed.zulu@a.example' }))).toEqual(['u10']);
      // Not a whole address: both hold it.
      expect([...ids(await list({ q: 'lee+hub@a' }))].sort()).toEqual(['u31', 'u32']);
      // The status filter still applies; another organization's address names no one here.
      expect((await list({ q: 'kim.lee+hub@a.example', status: 'Error' })).total).toBe(0);
      expect((await list({ q: 'jane.doe@b.example' })).total).toBe(0);
      expect(ids(await list({ q: 'jane.doe@b.example' }, ORG_B))).toEqual(['b-u1']);
    });

    it('keeps an email address to one user of an organization, whatever its case', async () => {
      const twin = makeUser(ORG_A, ['u33', 'Jane Twin', 'JANE.DOE@a.example', 'Active', 1]);
      await expect(store.insertUsers([twin])).rejects.toThrow();
      expect(ids(await list({ q: 'jane.doe@a.example' }))).toEqual(['u05']);
      const elsewhere = makeUser(ORG_B, ['b-u3', 'Jane Doe', 'jane.doe@a.example', 'Active', 1]);
      await store.insertUsers([elsewhere]);
      expect(ids(await list({ q: 'jane.doe@a.example' }, ORG_B))).toEqual(['b-u3']);
    });

    it.each(FIELDS.flatMap((field) => (['asc', 'desc'] as const).map((d) => [field, d] as const)))(
      'pages a substring search sorted by %s %s, by number and by cursor both ways',
      async (field, direction) => {
        const sort = { field, direction };
        const q = 'ster'; // the Testers, and no one else
        const pageSize = 4;
        const expected = expectedOrder(
          usersA.filter((u) => u.displayName.startsWith('Tester')),
          field,
          direction,
        );
        let page = await list({ q, sort, pageSize });
        const walked = [...ids(page)];
        for (let n = 2; page.nextCursor !== null; n++) {
          page = await list({ q, sort, pageSize, cursor: page.nextCursor });
          expect(ids(page), `page ${n}`).toEqual(ids(await list({ q, sort, pageSize, page: n })));
          walked.push(...ids(page));
        }
        expect(walked).toEqual(expected);
        const back: string[] = [];
        while (page.prevCursor !== null) {
          page = await list({ q, sort, pageSize, cursor: page.prevCursor });
          back.unshift(...ids(page));
        }
        expect(back).toEqual(expected.slice(0, back.length));
        expect(back.length).toBe(expected.length - (expected.length % pageSize || pageSize));
      },
    );

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
