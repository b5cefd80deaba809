import type { CloudUser } from '@hybrid-hub/engine';
import type { PgQueryable } from '../pg-queryable.ts';
import { atomically } from './pg-atomically.ts';
import { searchText } from './pg-search-text.ts';
import { USER_COLUMNS, unnestUsers, userColumnArrays } from './pg-user-rows.ts';

const COLUMN_NAMES = USER_COLUMNS.map(([name]) => name);
/** Parameter numbers after the users' column arrays. */
const AFTER_COLUMNS = USER_COLUMNS.length + 1;

/**
 * The users and their search text in one statement: each INSERT reads its rows from one array
 * per column (unnest), so a batch is one round trip and one statement's triggers (the counts
 * move once per status and node, not once per user).
 */
const INSERT_USERS = /* sql */ `
  WITH written AS (
    INSERT INTO users (${COLUMN_NAMES.join(', ')})
    SELECT ${COLUMN_NAMES.join(', ')} FROM ${unnestUsers(1, 'v')}
  )
  INSERT INTO user_search (org_id, id, search_text)
  SELECT * FROM unnest($1::text[], $2::text[], $${AFTER_COLUMNS}::text[])`;

/**
 * Users written only where the stored version is the expected one, and their search text where
 * it changed (NULL: name and email as they were). Returns the rows written.
 */
const UPDATE_USERS = /* sql */ `
  WITH v AS (
    SELECT * FROM ${unnestUsers(1, 'v', [
      ['expected_version', 'integer'],
      ['search_text', 'text'],
    ])}
  ),
  written AS (
    UPDATE users u SET ${COLUMN_NAMES.filter((name) => name !== 'org_id' && name !== 'id')
      .map((name) => `${name} = v.${name}`)
      .join(', ')}
    FROM v WHERE u.org_id = v.org_id AND u.id = v.id AND u.version = v.expected_version
    RETURNING u.org_id, u.id
  ),
  searched AS (
    UPDATE user_search s SET search_text = v.search_text
    FROM written w JOIN v ON v.org_id = w.org_id AND v.id = w.id
    WHERE s.org_id = w.org_id AND s.id = w.id
      AND v.search_text IS NOT NULL AND s.search_text <> v.search_text
  )
  SELECT org_id, id FROM written`;

/** Rows per INSERT: one statement's arrays and transition tables stay a few megabytes. */
const INSERT_CHUNK = 20_000;

/** All the users or none: more than one chunk is one transaction (on the pool, its own). */
export async function insertUsers(sql: PgQueryable, users: readonly CloudUser[]): Promise<void> {
  const insert = async (into: PgQueryable) => {
    for (let at = 0; at < users.length; at += INSERT_CHUNK) {
      const chunk = users.slice(at, at + INSERT_CHUNK);
      await into.query(INSERT_USERS, [...userColumnArrays(chunk), chunk.map(searchText)]);
    }
  };
  await (users.length > INSERT_CHUNK ? atomically(sql, insert) : insert(sql));
}

/** One user's write: `after` where the stored version is `expectedVersion`. */
export interface VersionedWrite {
  /** The user as the caller read it (its name and email say whether the search text changes). */
  before: CloudUser | undefined;
  after: CloudUser;
  expectedVersion: number;
}

/**
 * Writes each change whose expected version still holds, one UPDATE per round: a user named
 * twice is written in a later round, after the change before it (one UPDATE matches each row at
 * most once). Rounds are one transaction (on the pool, their own). Returns, per change, whether
 * it was written.
 */
export async function updateUsers(
  sql: PgQueryable,
  changes: readonly VersionedWrite[],
): Promise<boolean[]> {
  const keys = new Set(changes.map(({ after }) => userKey(after)));
  return keys.size < changes.length
    ? atomically(sql, (into) => updateInRounds(into, changes))
    : updateInRounds(sql, changes);
}

async function updateInRounds(
  sql: PgQueryable,
  changes: readonly VersionedWrite[],
): Promise<boolean[]> {
  const landed = changes.map(() => false);
  let round = changes.map((change, index) => ({ change, index }));
  while (round.length > 0) {
    const seen = new Set<string>();
    const now: typeof round = [];
    const later: typeof round = [];
    for (const entry of round) {
      const key = userKey(entry.change.after);
      (seen.has(key) ? later : now).push(entry);
      seen.add(key);
    }
    const afters = now.map(({ change }) => change.after);
    const { rows } = await sql.query<{ org_id: string; id: string }>(UPDATE_USERS, [
      ...userColumnArrays(afters),
      now.map(({ change }) => change.expectedVersion),
      now.map(({ change }) => (renamed(change) ? searchText(change.after) : null)),
    ]);
    const written = new Set(rows.map((row) => userKey({ orgId: row.org_id, id: row.id })));
    for (const { change, index } of now) landed[index] = written.has(userKey(change.after));
    round = later;
  }
  return landed;
}

function userKey(user: { orgId: string; id: string }): string {
  return `${user.orgId}\u0000${user.id}`;
}

/** Whether the search text may change (unknown before: assume so; the UPDATE compares). */
function renamed({ before, after }: VersionedWrite): boolean {
  return (
    before === undefined ||
    before.orgId !== after.orgId ||
    before.id !== after.id ||
    before.displayName !== after.displayName ||
    before.email !== after.email
  );
}
