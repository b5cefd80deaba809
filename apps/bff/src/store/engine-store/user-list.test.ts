import type { UserSortField } from '@hybrid-hub/contract';
import {
  ManualClock,
  MemoryStore,
  seedDemo,
  type CloudUser,
  type Store,
  type UserPage,
  type UserQuery,
} from '@hybrid-hub/engine';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrations } from '../migrations.ts';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';
import { UserLister } from './user-list.ts';

/**
 * The SQLite list planner against the in-memory store (the reference), page by page, on the same
 * demo, and the plan each query gets, read from SQLite's EXPLAIN QUERY PLAN:
 * - searches (migration 15: a trigram index, a whole email through users_by_email);
 * - Pending users, who are not in the (status, key) sort indexes (migration 10) and whose lists
 *   have two plans of their own, with few and with many Pending users.
 */

const FIELDS: UserSortField[] = ['name', 'email', 'status', 'lastActivity'];
const SORTS = FIELDS.flatMap((field) =>
  (['asc', 'desc'] as const).map((direction) => ({ field, direction })),
);

const ids = (page: UserPage) => page.items.map((user) => user.id);

interface Stores {
  sqlite: SqliteStore;
  memory: MemoryStore;
}

/** The 3,000-user demo in both stores (19 of its users are Pending), `pending` more made Pending. */
async function demoWithPending(pending: number): Promise<Stores> {
  const clock = new ManualClock();
  const sqlite = openSqliteStore(':memory:');
  const memory = new MemoryStore();
  for (const store of [sqlite, memory] as Store[]) {
    await seedDemo(store, { seed: 7, acmeUsers: 3000, globexUsers: 20, clock });
    const activeIds = await store.listUserIds('acme', { status: 'Active' });
    const users = await store.getUsers('acme', activeIds.slice(0, pending));
    await store.updateUsers(
      users.map((before): { before: CloudUser; after: CloudUser } => ({
        before,
        after: {
          ...before,
          status: 'Pending',
          clusterId: null,
          nodeId: null,
          dueAt: clock.now() + 3000,
          version: before.version + 1,
        },
      })),
    );
  }
  expect((await sqlite.countUsersByStatus('acme')).Pending).toBe(19 + pending);
  return { sqlite, memory };
}

const explain = (store: SqliteStore, query: UserQuery) =>
  store.useConnection((db) => new UserLister(db).explain('acme', query), 'read');

function pendingQuery(overrides: Partial<UserQuery> = {}): UserQuery {
  return {
    status: 'Pending',
    sort: { field: 'name', direction: 'asc' },
    page: 1,
    pageSize: 50,
    ...overrides,
  };
}

/** Every page a user can reach by number, and a walk forth and back by cursor, on both stores. */
async function expectSamePages({ sqlite, memory }: Stores, base: UserQuery): Promise<void> {
  const { total } = await memory.listUsers('acme', base);
  const last = Math.max(1, Math.ceil(total / base.pageSize));
  const middle = [Math.floor(last / 2), Math.ceil(last / 2) + 1].filter((page) => page >= 1);
  const pages = [...new Set([1, 2, ...middle, last, last + 1])];
  for (const page of pages) {
    const query = { ...base, page };
    const [fromSqlite, fromMemory] = await Promise.all([
      sqlite.listUsers('acme', query),
      memory.listUsers('acme', query),
    ]);
    const label = `${JSON.stringify(base)} page ${page}`;
    expect(fromSqlite.total, label).toBe(fromMemory.total);
    expect(ids(fromSqlite), label).toEqual(ids(fromMemory));
  }
  // Forth three pages by cursor, then back one: the pages follow each other, no row lost.
  let sqlitePage = await sqlite.listUsers('acme', base);
  let memoryPage = await memory.listUsers('acme', base);
  const walk = ['next', 'next', 'next', 'prev'] as const;
  for (const [step, d] of walk.entries()) {
    const cursor = d === 'next' ? sqlitePage.nextCursor : sqlitePage.prevCursor;
    const memoryCursor = d === 'next' ? memoryPage.nextCursor : memoryPage.prevCursor;
    expect(cursor === null, `${JSON.stringify(base)} step ${step}`).toBe(memoryCursor === null);
    if (cursor === null || memoryCursor === null) break;
    sqlitePage = await sqlite.listUsers('acme', { ...base, cursor });
    memoryPage = await memory.listUsers('acme', { ...base, cursor: memoryCursor });
    expect(ids(sqlitePage), `${JSON.stringify(base)} step ${step}`).toEqual(ids(memoryPage));
  }
}

describe('searches', () => {
  let stores: Stores;
  let email: string;
  beforeAll(async () => {
    stores = await demoWithPending(0);
    email = (await stores.memory.listUsers('acme', pendingQuery({ status: 'Error' }))).items[4]!
      .email;
  });
  afterAll(() => stores.sqlite.close());

  const query = (q: string, overrides: Partial<UserQuery> = {}): UserQuery => ({
    q,
    sort: { field: 'name', direction: 'asc' },
    page: 1,
    pageSize: 20,
    ...overrides,
  });

  it.each([
    ['mar', 'three letters anywhere'],
    ['ingh', 'inside a name'],
    ['e.s', 'across a dot'],
    ['@acme.ex', 'every email'],
    ['j', 'one letter: word starts'],
    ['MA', 'two letters, any case'],
    ['mar  smi', 'two words, both'],
    ['ÉLE', 'accents aside'],
    ['an an an', 'a repeated word'],
  ])('finds %j (%s) like the reference store, every sort, by number and cursor', async (q) => {
    for (const sort of SORTS) await expectSamePages(stores, query(q, { sort }));
    await expectSamePages(stores, query(q, { status: 'Active' }));
    await expectSamePages(stores, query(q, { status: 'Pending' }));
  });

  it('finds a whole email address like the reference store, in any case', async () => {
    for (const q of [email, email.toUpperCase(), ` ${email} `]) {
      await expectSamePages(stores, query(q));
      expect((await stores.sqlite.listUsers('acme', query(q))).total, q).toBe(1);
    }
    expect((await stores.sqlite.listUsers('globex', query(email))).total).toBe(0);
  });

  it('looks a whole email up through the unique email index, with no full-text work', async () => {
    const plan = await explain(stores.sqlite, query(email));
    expect(plan).toContain(
      'SEARCH users USING COVERING INDEX users_by_email (org_id=? AND email_key=?)',
    );
    expect(plan.join('\n')).not.toContain('users_search');
    expectNoScan(plan);
  });

  it('finds substrings and word starts through the trigram index, within the organization', async () => {
    for (const q of ['mar', 'ingh smi', 'jo', 'no.such@acme.example']) {
      for (const status of [undefined, 'Active' as const]) {
        const plan = await explain(stores.sqlite, query(q, { status }));
        // M: the MATCH; >< : the organization's rowid range.
        expect(plan.join('\n'), q).toMatch(/SCAN users_search VIRTUAL TABLE INDEX 0:M\d*></);
        expectNoScan(plan);
      }
    }
  });

  it('pages by number through a covering index, reading only the page’s rows', async () => {
    const total = (await stores.memory.listUsers('acme', pendingQuery({ status: 'Active' }))).total;
    const middle = Math.floor(total / 50 / 2);
    for (const [field, index] of [
      ['lastActivity', 'users_by_status_activity'],
      ['name', 'users_by_status_name'],
      ['email', 'users_by_status_email'],
    ] as const) {
      const plan = await explain(
        stores.sqlite,
        pendingQuery({ status: 'Active', sort: { field, direction: 'desc' }, page: middle }),
      );
      expect(plan, field).toContain(
        `SEARCH u USING COVERING INDEX ${index} (org_id=? AND status_rank=?)`,
      );
      expect(plan, field).toContain('SEARCH u USING INTEGER PRIMARY KEY (rowid=?)');
      expectNoScan(plan);
    }
    for (const field of FIELDS) {
      const plan = await explain(
        stores.sqlite,
        pendingQuery({ status: undefined, sort: { field, direction: 'asc' }, page: 20 }),
      );
      expect(plan.join('\n'), field).toMatch(
        /SEARCH u USING COVERING INDEX users_by_\w+ \(org_id=\?\)/,
      );
      expectNoScan(plan);
    }
  });
});

describe('a database migrated to the trigram search (migration 15)', () => {
  it('keeps walking the name index for a name page: the new email index has its statistics', () => {
    const db = new Database(':memory:');
    applyMigrations(
      db,
      migrations.filter((m) => m.version < 15),
    );
    db.exec("INSERT INTO organizations (id, name) VALUES ('acme', 'Acme')");
    const insert = db.prepare(`INSERT INTO users (org_id, id, email, display_name, name_key,
      email_key, entitled_hybrid_message, entitled_message_free, message_service_enabled, status,
      status_rank, activity_key, updated_at, version)
      VALUES ('acme', ?, ?, ?, ?, ?, 1, 1, 0, 'Not activated', 0, 0, 0, 1)`);
    for (let i = 0; i < 20_000; i++) {
      const name = `User ${String(i).padStart(5, '0')}`;
      const email = `user${i}@acme.example`;
      insert.run(`u${i}`, email, name, name.toLowerCase(), email);
    }
    db.exec('ANALYZE');
    applyMigrations(db);
    // Analyzed like the other indexes: on 200,000 users, without its statistics the planner sorted
    // the whole organization through it for a name page (see migration 15).
    const statistics = db
      .prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'users_by_email'")
      .pluck()
      .get() as string | undefined;
    expect(statistics).toMatch(/^20000 /);

    const query: UserQuery = { sort: { field: 'name', direction: 'asc' }, page: 2, pageSize: 50 };
    const plan = new UserLister(db).explain('acme', query);
    expect(plan).toContain('SEARCH u USING COVERING INDEX users_by_name (org_id=?)');
    expect(plan.join('\n')).not.toContain('TEMP B-TREE FOR ORDER BY');
    expect(new UserLister(db).list('acme', query).items[0]!.displayName).toBe('User 00050');
    db.close();
  });
});

/** No statement reads a whole table (or a whole index) of users. */
function expectNoScan(plan: string[]): void {
  expect(plan.filter((detail) => /^SCAN (u|users)\b/.test(detail))).toEqual([]);
}

describe.each([
  ['few', 40, 7],
  ['many', 1500, 50],
])('Pending users, %s of them (%i)', (_label, pending, pageSize) => {
  let stores: Stores;
  beforeAll(async () => {
    stores = await demoWithPending(pending);
  });
  afterAll(() => stores.sqlite.close());

  it.each(SORTS)(
    'pages them like the reference store, sorted by $field $direction',
    async (sort) => {
      await expectSamePages(stores, pendingQuery({ sort, pageSize }));
    },
  );

  it('pages them within a search like the reference store (many matches and few)', async () => {
    for (const q of ['acme', 'mar']) {
      for (const sort of SORTS) await expectSamePages(stores, pendingQuery({ q, sort, pageSize }));
    }
  });
});

describe('the plan a Pending list gets', () => {
  it('sorts the few Pending users rather than walking past everyone else', async () => {
    const { sqlite } = await demoWithPending(40);
    const plan = (await explain(sqlite, pendingQuery())).join('\n');
    expect(plan).toContain('users_by_status');
    expect(plan).toContain('TEMP B-TREE');
    await sqlite.close();
  });

  it('walks the name index when half the organization is Pending, from either end', async () => {
    const { sqlite } = await demoWithPending(1500);
    for (const page of [1, 30]) {
      const plan = (await explain(sqlite, pendingQuery({ page }))).join('\n');
      expect(plan, `page ${page}`).toContain('users_by_name');
      expect(plan, `page ${page}`).not.toContain('TEMP B-TREE FOR ORDER BY');
    }
    // The middle page of a big Pending list: reading everyone in name order to reach it costs
    // more than sorting the Pending users.
    const middle = (await explain(sqlite, pendingQuery({ page: 15 }))).join('\n');
    expect(middle).toContain('TEMP B-TREE');
    await sqlite.close();
  });
});

describe('the plan a list of any other status gets', () => {
  it('walks that status’s sort index, never sorting', async () => {
    const { sqlite } = await demoWithPending(40);
    const cases: [UserQuery['status'], UserSortField, string][] = [
      ['Active', 'name', 'users_by_status_name'],
      ['Error', 'email', 'users_by_status_email'],
      ['Not activated', 'lastActivity', 'users_by_status_activity'],
    ];
    for (const [status, field, index] of cases) {
      const query = pendingQuery({ status, sort: { field, direction: 'desc' }, page: 3 });
      const plan = (await explain(sqlite, query)).join('\n');
      expect(plan, `${status} by ${field}`).toContain(index);
      expect(plan, `${status} by ${field}`).not.toContain('TEMP B-TREE FOR ORDER BY');
    }
    await sqlite.close();
  });
});
