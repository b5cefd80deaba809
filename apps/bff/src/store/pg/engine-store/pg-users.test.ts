import { randomBytes } from 'node:crypto';
import { USER_STATUSES, type UserStatus } from '@hybrid-hub/contract';
import { MemoryStore, type CloudUser, type UserQuery, type UserWrite } from '@hybrid-hub/engine';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgSchema, testPostgresUrl } from '../../../testing/test-postgres.ts';
import { openPgPool } from '../pg-pool.ts';
import { applyPgMigrations } from '../pg-migrations.ts';
import { bigUser } from './pg-user-samples.ts';
import { PgUsers } from './pg-users.ts';

/**
 * What only PostgreSQL needs checking beyond the store contract (pg-store.test.ts): that the
 * users list reads indexes at a realistic size, and that the trigger-kept totals stay exact.
 */

const ORG = 'org-big';
const query = (q: Partial<UserQuery>): UserQuery => ({
  page: 1,
  pageSize: 50,
  sort: { field: 'name', direction: 'asc' },
  ...q,
});

describe('PgUsers on 20,000 users', () => {
  const COUNT = 20_000;
  let schema: { pool: pg.Pool; drop(): Promise<void> };
  let users: PgUsers;

  beforeAll(async () => {
    schema = await freshPgSchema();
    await applyPgMigrations(schema.pool);
    users = new PgUsers(schema.pool);
    await users.insertUsers(Array.from({ length: COUNT }, (_, i) => bigUser(ORG, i)));
    // What the store's optimize() does after a bulk load: statistics and the visibility map.
    await schema.pool.query('VACUUM ANALYZE users');
    await schema.pool.query('VACUUM ANALYZE user_search');
  }, 60_000);
  afterAll(() => schema.drop());

  /** The plans of every statement of the query: none reads the users or user_search table whole. */
  async function expectIndexed(q: UserQuery): Promise<string> {
    const plans = (await users.explainListUsers(ORG, q)).join('\n');
    expect(plans).not.toMatch(/Seq Scan on (users|user_search)\b/);
    return plans;
  }

  it('finds a whole email through users_by_email, before any trigram work', async () => {
    const plans = await expectIndexed(query({ q: 'Maria.Singh.0@acme.example' }));
    expect(plans).toMatch(/Index (Only )?Scan using users_by_email on users/);
    expect(plans).not.toContain('user_search_trigrams');
    const page = await users.listUsers(ORG, query({ q: 'MARIA.SINGH.0@acme.example' }));
    expect(page.items.map((u) => u.id)).toEqual(['user-000000']);
  });

  it('finds a substring through the trigram index (few matches: read and sorted)', async () => {
    const plans = await expectIndexed(query({ q: 'ingh 1234' }));
    expect(plans).toMatch(/Bitmap Index Scan on user_search_trigrams/);
    const page = await users.listUsers(ORG, query({ q: 'ingh 1234' }));
    expect(page.items.length).toBeGreaterThan(0);
    for (const user of page.items) {
      expect(user.displayName).toContain('Singh');
      expect(user.displayName).toContain('1234');
    }
  });

  it('walks the sort index for a substring most users match, probing user_search by key', async () => {
    const q = query({ q: 'mar', sort: { field: 'lastActivity', direction: 'desc' } });
    const plans = await expectIndexed(q);
    expect(plans).toMatch(/Index (Only )?Scan (Backward )?using users_by_activity on users/);
    expect(plans).toMatch(/Index Scan using user_search_pkey on user_search/);
    const page = await users.listUsers(ORG, q);
    expect(page.total).toBe(
      Array.from({ length: COUNT }, (_, i) => bigUser(ORG, i)).filter((u) =>
        `${u.displayName} ${u.email}`.toLowerCase().includes('mar'),
      ).length,
    );
  });

  it('pages a status-filtered sort through its (status, key, id) index', async () => {
    const q = query({
      status: 'Active',
      page: 3,
      sort: { field: 'lastActivity', direction: 'desc' },
    });
    const plans = await expectIndexed(q);
    expect(plans).toMatch(/using users_by_status_activity on users/);
    expect(plans).toMatch(/Index Scan using user_status_counts_pkey/);
  });

  it('reads a page by number past the middle from the far end of the index', async () => {
    const q = query({ page: 300, sort: { field: 'email', direction: 'asc' } });
    const plans = await expectIndexed(q);
    expect(plans).toMatch(/Index Only Scan Backward using users_by_email on users/);
    const page = await users.listUsers(ORG, q);
    expect(page.items).toHaveLength(50);
    const emails = page.items.map((u) => u.email);
    expect(emails).toEqual([...emails].sort());
  });
});

describe('PgUsers migration', () => {
  it('creates pg_trgm in its own schema when the database has no public schema', async (context) => {
    // A database of its own: pg_trgm is per database, and the test server's has it in public.
    const suffix = randomBytes(4).toString('hex');
    const [role, database] = [`b_role_${suffix}`, `b_db_${suffix}`];
    // CREATE DATABASE copies a template and flushes it: seconds on a busy disk, not the 30 s
    // statement limit a request gets.
    const admin = openPgPool(testPostgresUrl(), { max: 1, statementTimeoutMs: 120_000 });
    const { rows: may } = await admin.query<{ may: boolean }>(
      `SELECT rolsuper OR (rolcreatedb AND rolcreaterole) AS may FROM pg_roles
       WHERE rolname = current_user`,
    );
    // A server named by HUB_TEST_DATABASE_URL may let the tests create schemas only.
    if (!may[0]?.may) {
      await admin.end();
      context.skip();
    }
    const url = new URL(testPostgresUrl());
    url.pathname = `/${database}`;
    const owner = new URL(url);
    url.username = role;
    url.password = 'not-a-secret';
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'not-a-secret'`);
      await admin.query(`CREATE DATABASE ${database}`);
      // A trusted extension needs CREATE on the database, not superuser.
      await admin.query(`GRANT CREATE ON DATABASE ${database} TO ${role}`);
      const setup = openPgPool(owner.toString(), { max: 1 });
      await setup.query('DROP SCHEMA public');
      await setup.query(`CREATE SCHEMA hub AUTHORIZATION ${role}`);
      await setup.end();
      const pool = openPgPool(url.toString(), { max: 1, schema: 'hub' });
      try {
        await applyPgMigrations(pool);
        const { rows } = await pool.query<{ schema: string }>(
          `SELECT n.nspname AS schema FROM pg_extension e
           JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
        );
        expect(rows).toEqual([{ schema: 'hub' }]);
        const users = new PgUsers(pool);
        await users.insertUsers([bigUser('org-m', 1)]);
        expect(await users.listUserIds('org-m', { q: 'ames ingh' })).toEqual(['user-000001']);
      } finally {
        await pool.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  }, 180_000);
});

describe('PgUsers bulk insert', () => {
  it('inserts all the users or none, however many statements it takes', async () => {
    const schema = await freshPgSchema();
    try {
      await applyPgMigrations(schema.pool);
      const users = new PgUsers(schema.pool);
      const many = Array.from({ length: 20_001 }, (_, i) => bigUser('org-bulk', i));
      // The last one repeats the first one's email: refused after the first statement committed,
      // had each statement been its own transaction.
      many.push({ ...bigUser('org-bulk', 20_001), email: many[0]!.email.toUpperCase() });
      await expect(users.insertUsers(many)).rejects.toThrow(/users_by_email/);
      const { rows } = await schema.pool.query<{ n: number }>('SELECT count(*) AS n FROM users');
      expect(rows[0]!.n).toBe(0);
      expect(await users.countUsersByStatus('org-bulk')).toEqual({
        'Not activated': 0,
        Pending: 0,
        Active: 0,
        Error: 0,
      });
    } finally {
      await schema.drop();
    }
  }, 60_000);
});

describe('PgUsers totals', () => {
  const NODES = [null, 'n-1', 'n-2', 'n-3'] as const;
  const ORGS = ['org-t1', 'org-t2'];
  const change = fc.record({
    user: fc.nat({ max: 39 }),
    status: fc.constantFrom<UserStatus>(...USER_STATUSES),
    node: fc.constantFrom(...NODES),
    stale: fc.boolean(),
    rename: fc.boolean(),
  });

  async function recount(pool: pg.Pool) {
    const all = async (text: string) => (await pool.query(text)).rows;
    return {
      status: {
        kept: await all(
          'SELECT org_id, status_rank, n FROM user_status_counts WHERE n <> 0 ORDER BY 1, 2',
        ),
        counted: await all(
          'SELECT org_id, status_rank, count(*)::int AS n FROM users GROUP BY 1, 2 ORDER BY 1, 2',
        ),
      },
      node: {
        kept: await all(
          'SELECT org_id, node_id, n FROM user_node_counts WHERE n <> 0 ORDER BY 1, 2',
        ),
        counted: await all(
          `SELECT org_id, node_id, count(*)::int AS n FROM users WHERE node_id IS NOT NULL
           GROUP BY 1, 2 ORDER BY 1, 2`,
        ),
      },
    };
  }

  it('equal a recount after any inserts, single and batched updates (repeats, stale versions)', async () => {
    const schema = await freshPgSchema();
    try {
      await applyPgMigrations(schema.pool);
      const users = new PgUsers(schema.pool);
      let inserted = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(change, { minLength: 1, maxLength: 6 }),
          fc.nat({ max: 3 }),
          async (batch, newUsers) => {
            const fresh = Array.from({ length: newUsers }, (_, i) =>
              bigUser(ORGS[(inserted + i) % 2]!, inserted + i),
            );
            inserted += newUsers;
            await users.insertUsers(fresh);
            const writes: UserWrite[] = [];
            for (const c of batch) {
              if (inserted === 0) break;
              const index = c.user % inserted;
              const [stored] = await users.getUsers(ORGS[index % 2]!, [bigUser('', index).id]);
              // A repeat in the batch expects the version the change before it writes.
              const earlier = writes.findLast((w) => w.after.id === stored!.id)?.after;
              const read = earlier ?? stored!;
              const before = c.stale ? { ...read, version: read.version - 1 } : read;
              const after: CloudUser = {
                ...read,
                status: c.status,
                nodeId: c.node,
                displayName: c.rename ? `${read.displayName} Jr` : read.displayName,
                version: read.version + 1,
              };
              writes.push({ before, after });
            }
            if (writes.length === 1) {
              await users.updateUser(writes[0]!.after, writes[0]!.before.version);
            } else if (writes.length > 1) {
              await users.updateUsers(writes);
            }
            const { status, node } = await recount(schema.pool);
            expect(status.kept).toEqual(status.counted);
            expect(node.kept).toEqual(node.counted);
          },
        ),
        { numRuns: 40 },
      );
      const totals = await users.countUsersByStatus(ORGS[0]!);
      const { rows } = await schema.pool.query<{ n: number }>(
        'SELECT count(*) AS n FROM users WHERE org_id = $1',
        [ORGS[0]],
      );
      expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(rows[0]!.n);
    } finally {
      await schema.drop();
    }
  }, 60_000);
});

describe('PgUsers search', () => {
  /** Names pg_trgm splits differently from the engine, and LIKE's own characters. */
  const NAMES = [
    ['Łukasz Żółć', 'lukasz.zolc@acme.example'],
    ['Zoë Østergaard', 'zoe_ostergaard@acme.example'],
    ['王小明', 'wang.xm@acme.example'],
    ['Ольга Петрова', 'olga%p@acme.example'],
    ["Mary-Jo O'Brien", 'mj\\obrien@acme.example'],
    ['Ana 100% Sure', 'a.sure@acme.example'],
    ['𝒜lpha Script', 'alpha.s@acme.example'],
    ['Jo Jo', 'jojo@acme.example'],
  ] as const;
  const sample = NAMES.map(([displayName, email], i) => ({
    ...bigUser('org-s', i),
    displayName,
    email,
  }));
  const texts = sample.flatMap((u) => [u.displayName, u.email]);

  /** A piece of a name or email, in another case maybe, or one of LIKE's characters. */
  const word = fc.oneof(
    fc
      .tuple(fc.constantFrom(...texts), fc.nat(), fc.integer({ min: 1, max: 6 }), fc.boolean())
      .map(([text, at, length, upper]) => {
        const chars = Array.from(text);
        const start = at % chars.length;
        const piece = chars.slice(start, start + length).join('');
        return upper ? piece.toUpperCase() : piece;
      }),
    fc.constantFrom('%', '_', '\\', '%o', 'o_', 'a%s', '\\o'),
  );

  it('answers what PostgreSQL could not bind as nobody found, or a cursor ValidationError', async () => {
    const schema = await freshPgSchema();
    try {
      await applyPgMigrations(schema.pool);
      const users = new PgUsers(schema.pool);
      await users.insertUsers(sample);
      // Not a whole address (none can hold a NUL); as words, folding drops the NUL.
      const nul = await users.listUsers('org-s', query({ q: 'jojo\u0000@acme.example' }));
      expect(nul.items.map((u) => u.id)).toEqual(['user-000007']);
      const forged = (k: unknown, field: UserQuery['sort']['field']) =>
        users.listUsers(
          'org-s',
          query({
            sort: { field, direction: 'asc' },
            cursor: Buffer.from(JSON.stringify({ k, id: 'user-000001', d: 'next' })).toString(
              'base64url',
            ),
          }),
        );
      for (const [k, field] of [
        [1.5, 'lastActivity'],
        [2 ** 40, 'status'],
        ['a\u0000b', 'name'],
      ] as const) {
        await expect(forged(k, field), String(k)).rejects.toMatchObject({
          name: 'ValidationError',
          field: 'cursor',
        });
      }
      expect((await forged(null, 'lastActivity')).items.length).toBeGreaterThan(0);
    } finally {
      await schema.drop();
    }
  });

  it('matches what the in-memory store matches, for any words of the names and emails', async () => {
    const schema = await freshPgSchema();
    const memory = new MemoryStore();
    try {
      await applyPgMigrations(schema.pool);
      const users = new PgUsers(schema.pool);
      await users.insertUsers(sample);
      await memory.insertOrganization({ id: 'org-s', name: 'Search' });
      await memory.insertUsers(sample);
      await fc.assert(
        fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 3 }), async (words) => {
          const q = words.join(' ');
          expect(await users.listUserIds('org-s', { q }), q).toEqual(
            await memory.listUserIds('org-s', { q }),
          );
        }),
        { numRuns: 300 },
      );
    } finally {
      await memory.close();
      await schema.drop();
    }
  });
});
