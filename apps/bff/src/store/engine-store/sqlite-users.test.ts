import { USER_STATUSES } from '@hybrid-hub/contract';
import type { CloudUser, UserWrite } from '@hybrid-hub/engine';
import { seedStoreFixture, usersA, usersB } from '@hybrid-hub/engine/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';

/**
 * The users' status and node totals (user_status_counts, user_node_counts) are kept by the
 * store's update methods, not by triggers (migration 12). Whatever mix of single and batched
 * updates, stale versions and repeats lands or not, the totals equal a recount of the rows.
 */

const NODES = [null, 'a-n1', 'a-n2', 'a-n3', 'b-n1'] as const;

const change = fc.record({
  user: fc.nat({ max: usersA.length + usersB.length - 1 }),
  status: fc.constantFrom(...USER_STATUSES),
  node: fc.constantFrom(...NODES),
  stale: fc.boolean(),
  rename: fc.boolean(),
});
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

async function recount(store: SqliteStore) {
  return store.useConnection((db) => ({
    status: {
      kept: db
        .prepare('SELECT org_id, status_rank, n FROM user_status_counts WHERE n != 0 ORDER BY 1, 2')
        .all(),
      counted: db
        .prepare('SELECT org_id, status_rank, count(*) AS n FROM users GROUP BY 1, 2 ORDER BY 1, 2')
        .all(),
    },
    node: {
      kept: db
        .prepare('SELECT org_id, node_id, n FROM user_node_counts WHERE n != 0 ORDER BY 1, 2')
        .all(),
      counted: db
        .prepare(
          `SELECT org_id, node_id, count(*) AS n FROM users WHERE node_id IS NOT NULL
           GROUP BY 1, 2 ORDER BY 1, 2`,
        )
        .all(),
    },
  }));
}

/** The write a change makes of the user as the store holds it now (stale: an old version). */
async function writeOf(store: SqliteStore, c: Change): Promise<UserWrite> {
  const known = [...usersA, ...usersB][c.user]!;
  const [before] = await store.getUsers(known.orgId, [known.id]);
  const read = c.stale ? { ...before!, version: before!.version - 1 } : before!;
  const after: CloudUser = {
    ...read,
    status: c.status,
    nodeId: c.node,
    displayName: c.rename ? `${read.displayName} Jr` : read.displayName,
    version: read.version + 1,
  };
  return { before: read, after };
}

describe('SqliteStore user totals', () => {
  it('equal a recount of the users after any single and batched updates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(change, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
        async (batches) => {
          const store = openSqliteStore(':memory:');
          try {
            await seedStoreFixture(store);
            for (const batch of batches) {
              const writes: UserWrite[] = [];
              for (const c of batch) writes.push(await writeOf(store, c));
              if (writes.length === 1) {
                await store.updateUser(writes[0]!.after, writes[0]!.before.version);
              } else {
                await store.transaction(writes[0]!.after.orgId, (tx) => tx.updateUsers(writes));
              }
              const { status, node } = await recount(store);
              expect(status.kept).toEqual(status.counted);
              expect(node.kept).toEqual(node.counted);
            }
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leave the totals alone when a version is stale', async () => {
    const store = openSqliteStore(':memory:');
    await seedStoreFixture(store);
    const before = await store.countUsersByStatus(usersA[0]!.orgId);
    const [user] = await store.getUsers(usersA[0]!.orgId, [usersA[0]!.id]);
    const moved = { ...user!, status: 'Error' as const, version: user!.version + 1 };
    expect(await store.updateUser(moved, user!.version - 1)).toBe(false);
    expect(await store.countUsersByStatus(usersA[0]!.orgId)).toEqual(before);
    expect(await store.updateUser(moved, user!.version)).toBe(true);
    const after = await store.countUsersByStatus(usersA[0]!.orgId);
    expect(after.Error).toBe(before.Error + (user!.status === 'Error' ? 0 : 1));
    await store.close();
  });
});
