import {
  decodeUserCursor,
  encodeUserCursor,
  parseUserSearch,
  statusRank,
  ValidationError,
  type UserCursor,
  type UserPage,
  type UserQuery,
  type UserSearch,
} from '@hybrid-hub/engine';
import type Database from 'better-sqlite3';
import { ANCHOR_EVERY, type Anchor, type PageAnchors } from './page-anchors.ts';
import { scopeRange, searchMatch } from './search-match.ts';
import {
  NO_ACTIVITY,
  toUserViewFromRaw,
  USER_VIEW_WIDTH,
  USER_VIEW_JOINS,
  USER_VIEW_SELECT,
} from './user-rows.ts';

/**
 * `listUsers` in SQL. Every variant is an index walk:
 * - no `q`: the (org_id[, status_rank], key, id) index is walked in order; OFFSET for pages,
 *   a row-value seek `(key, id) > (?, ?)` for cursors; the total comes from the count table.
 *   A page deep in the list seeks to the anchor before it (page-anchors.ts), then OFFSET.
 * - `q` a whole email address: its user is looked up through the unique users_by_email, before
 *   any full-text work (the engine's parseUserSearch says what a search means).
 * - other `q`: the trigram index users_search yields the matching rows, within the organization's
 *   rowid range. When they are few they are sorted directly; when they are many, the sort index
 *   is walked and each row checked for membership, which stops after one page instead of sorting
 *   tens of thousands of rows.
 */

const SORT_COLUMN = {
  name: 'name_key',
  email: 'email_key',
  status: 'status_rank',
  lastActivity: 'activity_key',
} as const;

/** The unfiltered sort indexes (migrations 1 and 15), walked for Pending users (see #pendingPlan). */
const SORT_INDEX = {
  name: 'users_by_name',
  email: 'users_by_email',
  status: 'users_by_status',
  lastActivity: 'users_by_activity',
} as const;

/** Pending's rank: the one status the (status, key) sort indexes leave out (migration 10). */
export const PENDING = statusRank('Pending');

/**
 * A row read and sorted costs about this many rows walked in index order. Measured on 200,000
 * users of whom 100,000 Pending, the middle page by name: walking 100,000 rows took 61 ms,
 * sorting the 100,000 Pending users 75 ms. That page is the worst case of both plans (the
 * other pages of that list take 0.3–1.3 ms; with 20,000 Pending the middle page takes 9 ms).
 */
const SORTED_ROW_WEIGHT = 1.25;

type Plan = 'matches' | 'index' | 'pending-walk' | 'pending-sort';

/** Above this many matches, walking the sort index beats sorting the matches. */
const SORT_MATCHES_LIMIT = 2_000;

type Statement = Database.Statement<Record<string, unknown>, unknown>;

/**
 * Which users a search keeps, as the statements bind it: `named`, the pk of the user a whole
 * email names; else `match`, the MATCH expression on users_search, within the organization's
 * rowid range [`scope`, `scopeEnd`] (rowid − scope is the user's pk). `none`: nobody matches.
 */
interface SearchBinding {
  named: number | null;
  match: string | null;
  scope: number | null;
  scopeEnd: number | null;
  none: boolean;
}

const NO_SEARCH: SearchBinding = {
  named: null,
  match: null,
  scope: null,
  scopeEnd: null,
  none: false,
};

/**
 * The rows of a few candidates (a JSON array of pks), each read by its pk. CROSS JOIN keeps that
 * order: left to itself, SQLite may rather walk a whole users index testing each entry against
 * the list (it cannot tell the list is short).
 */
const CANDIDATE_ROWS = 'json_each(@candidates) AS j CROSS JOIN users u ON u.pk = j.value';

/** The named parameters of the statements below (bound all at once by `explain`). */
const PARAMETERS = [
  'org',
  'status',
  'email',
  'named',
  'match',
  'scope',
  'scopeEnd',
  'candidates',
  'k',
  'id',
  'limit',
  'offset',
] as const;

/** The rows of users_search a search matches, as users' pks. */
const MATCHING_PKS = /* sql */ `SELECT rowid - @scope AS pk FROM users_search
  WHERE users_search MATCH @match AND rowid BETWEEN @scope AND @scopeEnd`;

export class UserLister {
  readonly #db: Database.Database;
  readonly #anchors: PageAnchors | undefined;
  readonly #statements = new Map<string, Database.Statement>();
  /** While `explain` runs: the statements prepared for the query, in order. */
  #trace: string[] | null = null;

  constructor(db: Database.Database, anchors?: PageAnchors) {
    this.#db = db;
    this.#anchors = anchors;
  }

  list(orgId: string, query: UserQuery): UserPage {
    const { field } = query.sort;
    const page = this.#pageQuery(orgId, query);
    const { total, cursor, start, fromEnd, backwards } = page;
    if (!page.sql) return { items: [], total, nextCursor: null, prevCursor: null };
    const rows = this.#prepare(page.sql).raw(true).all(page.params) as unknown[][];

    const more = !fromEnd && rows.length > query.pageSize;
    if (more) rows.pop();
    if (backwards) rows.reverse();
    const first = rows[0];
    const last = rows.at(-1);
    const cursorOf = (row: unknown[] | undefined, d: UserCursor['d']) =>
      row
        ? encodeUserCursor({
            k: cursorKey(field, row[USER_VIEW_WIDTH] as string | number),
            id: row[1] as string,
            d,
          })
        : null;

    let hasPrev: boolean;
    let hasNext: boolean;
    if (!cursor) {
      hasPrev = start > 0;
      hasNext = fromEnd ? start + query.pageSize < total : more;
    } else if (backwards) {
      hasPrev = more;
      hasNext = true; // the row the cursor came from follows this page
    } else {
      hasPrev = true; // the row the cursor came from precedes this page
      hasNext = more;
    }
    return {
      items: rows.map(toUserViewFromRaw),
      total,
      nextCursor: hasNext ? cursorOf(last, 'next') : null,
      prevCursor: hasPrev ? cursorOf(first, 'prev') : null,
    };
  }

  /**
   * The plans of the statements `list` runs for this query (lookups, counts, the page), as
   * SQLite's EXPLAIN QUERY PLAN details, one statement after the other (for tests).
   */
  explain(orgId: string, query: UserQuery): string[] {
    const statements: string[] = [];
    this.#trace = statements;
    try {
      this.list(orgId, query);
    } finally {
      this.#trace = null;
    }
    // The plans do not depend on the values: every parameter any statement names, unset.
    const params = Object.fromEntries(PARAMETERS.map((name) => [name, null]));
    return statements.flatMap((sql) =>
      (this.#db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map(
        (row) => row.detail,
      ),
    );
  }

  /** The page's statement and parameters (none when nothing matches), and how to read it. */
  #pageQuery(orgId: string, query: UserQuery) {
    const { field, direction } = query.sort;
    const { status, search } = filterTerms(query);
    const bound = this.#bindSearch(orgId, search);
    const { match } = bound;

    const cursor = query.cursor === undefined ? undefined : decodeCursorFor(query.cursor, field);
    // A search counts its matches in the index first (no row read). When they are few, their
    // pks are the candidate set (counted and sorted directly); when many, the sort index is
    // walked instead. A whole email's user is the one candidate.
    const matching = match === null ? 0 : this.#countMatches(orgId, undefined, bound);
    const few =
      bound.named !== null
        ? [bound.named]
        : match !== null && matching <= SORT_MATCHES_LIMIT
          ? this.#matchingPks(bound)
          : null;
    const candidates = few === null ? null : JSON.stringify(few);
    const total = bound.none
      ? 0
      : few !== null
        ? this.#countCandidates(orgId, status, few)
        : match === null
          ? this.#countAll(orgId, status)
          : status === undefined
            ? matching
            : this.#countMatches(orgId, status, bound);

    // Walk backwards for a "previous page" cursor, then put the rows back in order. A page
    // number past the middle is also read backwards, from the end: OFFSET skips index entries
    // one by one, so the last page costs what the first does instead of a walk of the whole index.
    const start = (query.page - 1) * query.pageSize;
    const fromEnd = !cursor && start > total / 2 && start < total;
    const backwards = cursor?.d === 'prev' || fromEnd;
    const reading = { total, cursor, start, fromEnd, backwards };
    if (total === 0) return { ...reading, sql: null, params: {} };

    const ascending = (direction === 'asc') !== backwards;
    let offset = cursor ? 0 : fromEnd ? Math.max(0, total - start - query.pageSize) : start;
    const limit = fromEnd ? Math.min(query.pageSize, total - start) : query.pageSize + 1;
    const plan: Plan =
      candidates !== null
        ? 'matches'
        : status === PENDING && field !== 'status'
          ? this.#pendingPlan(orgId, { matching: total, match, rowsNeeded: offset + limit })
          : 'index';
    const statusShape = status === undefined ? 'any' : status === PENDING ? 'pending' : 'other';
    // A page by number deep in a plain list: from the anchor before it, not from the start.
    const anchor =
      plan === 'index' && match === null && !cursor
        ? this.#anchors?.before(
            [orgId, status ?? '', field, ascending].join('\u0000'),
            offset,
            () => this.#readAnchors(orgId, { field, ascending, status: statusShape }, status),
          )
        : undefined;
    if (anchor) offset -= anchor.position;
    const sql = this.#sql({
      field,
      ascending,
      status: statusShape,
      match: match !== null,
      seek: cursor ? 'after' : anchor ? 'from' : 'none',
      plan,
    });
    const params = {
      org: orgId,
      status: status ?? null,
      match,
      scope: bound.scope,
      scopeEnd: bound.scopeEnd,
      candidates,
      k: cursor ? storedKey(field, cursor.k) : (anchor?.key ?? null),
      id: cursor?.id ?? anchor?.id ?? null,
      limit,
      offset,
    };
    return { ...reading, sql, params };
  }

  /**
   * Every ANCHOR_EVERY-th user of a plain list (no search), in its order: one seek and a short
   * OFFSET each, so reading them costs one walk of the list's index, keys only.
   */
  #readAnchors(
    orgId: string,
    shape: Pick<ListShape, 'field' | 'ascending' | 'status'>,
    status: number | undefined,
  ): Anchor[] {
    const { field, ascending } = shape;
    const column = SORT_COLUMN[field];
    const order = ascending ? 'ASC' : 'DESC';
    const byId = field !== 'email';
    const select = (seek: ListShape['seek']) =>
      this.#prepare(
        /* sql */ `
        SELECT u.${column}, u.id FROM users u
        WHERE ${listWhere({ ...shape, seek, plan: 'index' }).join(' AND ')}
        ORDER BY u.${column} ${order}${byId ? `, u.id ${order}` : ''}
        LIMIT 1 OFFSET @offset`,
      ).raw(true);
    const first = select('none');
    const next = select('after');
    const anchors: Anchor[] = [];
    const params = { org: orgId, status: status ?? null, offset: 0, k: null, id: null };
    for (let row = first.get(params) as [string | number, string] | undefined; row;) {
      anchors.push({ key: row[0], id: row[1], position: anchors.length * ANCHOR_EVERY });
      row = next.get({ ...params, offset: ANCHOR_EVERY - 1, k: row[0], id: row[1] }) as
        [string | number, string] | undefined;
    }
    return anchors;
  }

  /**
   * Ids of every user `list` matches with this filter, in id order: a walk of the (org_id, id)
   * or (org_id, status_rank, id) index, each row tested against the full-text matches.
   */
  ids(orgId: string, filter: Pick<UserQuery, 'q' | 'status'>): string[] {
    const { status, search } = filterTerms(filter);
    const bound = this.#bindSearch(orgId, search);
    if (bound.none) return [];
    const where = ['org_id = @org'];
    if (status !== undefined) where.push('status_rank = @status');
    if (bound.named !== null) where.push('pk = @named');
    else if (bound.match !== null) where.push(`pk IN (${MATCHING_PKS})`);
    const statement = this.#prepare(
      `SELECT id FROM users WHERE ${where.join(' AND ')} ORDER BY id`,
    ) as unknown as Database.Statement<Record<string, unknown>, string>;
    return statement.pluck().all({ org: orgId, status: status ?? null, ...bound });
  }

  /**
   * A search as the statements bind it: a whole email's user through users_by_email (unique per
   * organization), else the MATCH expression and the organization's rowid range in users_search.
   */
  #bindSearch(orgId: string, search: UserSearch | null): SearchBinding {
    if (search === null) return NO_SEARCH;
    if (search.email !== null) {
      const named = this.#prepare('SELECT pk FROM users WHERE org_id = @org AND email_key = @email')
        .pluck()
        .get({ org: orgId, email: search.email }) as number | undefined;
      if (named !== undefined) return { ...NO_SEARCH, named };
    }
    // The organization's number is read for every search, never cached: a number taken in a
    // transaction that rolls back would be given to another organization next.
    const scopeNumber = this.#prepare('SELECT no FROM search_scopes WHERE org_id = @org')
      .pluck()
      .get({ org: orgId }) as number | undefined;
    // No number: the organization has never had a user.
    if (scopeNumber === undefined) return { ...NO_SEARCH, none: true };
    const { low, high } = scopeRange(scopeNumber);
    return { named: null, match: searchMatch(search), scope: low, scopeEnd: high, none: false };
  }

  /**
   * How to page Pending users, who are not in the (status, key) sort indexes (migration 10):
   * - 'pending-walk' walks the unfiltered (org_id, key, id) index and keeps the Pending rows:
   *   it reads about `rowsNeeded` × (organization ÷ matching) rows, few when Pending users are
   *   many (a bulk job) or the page is near either end (cursors start at their row);
   * - 'pending-sort' reads the users_by_status range of Pending users and sorts it: as many rows
   *   as there are Pending users, few when they are few (the usual case).
   * Whichever reads fewer rows; the sort also pays for sorting, hence its weight.
   */
  #pendingPlan(
    orgId: string,
    { matching, match, rowsNeeded }: { matching: number; match: string | null; rowsNeeded: number },
  ): Plan {
    const everyone = this.#countAll(orgId, undefined);
    const pending = match === null ? matching : this.#countAll(orgId, PENDING);
    const walked = rowsNeeded * (everyone / matching);
    return walked < pending * SORTED_ROW_WEIGHT ? 'pending-walk' : 'pending-sort';
  }

  #countAll(orgId: string, status: number | undefined): number {
    const sql =
      status === undefined
        ? 'SELECT coalesce(sum(n), 0) FROM user_status_counts WHERE org_id = @org'
        : 'SELECT coalesce(sum(n), 0) FROM user_status_counts WHERE org_id = @org AND status_rank = @status';
    return this.#count(sql, { org: orgId, status: status ?? null });
  }

  #countMatches(orgId: string, status: number | undefined, bound: SearchBinding): number {
    // Without a status filter the index counts alone; with one, each match's status is read by
    // its pk (CROSS JOIN: not a walk of all the status's users testing each against the matches).
    const sql =
      status === undefined
        ? `SELECT count(*) FROM (${MATCHING_PKS})`
        : /* sql */ `
          SELECT count(*) FROM (${MATCHING_PKS}) AS m CROSS JOIN users u ON u.pk = m.pk
          WHERE u.org_id = @org AND u.status_rank = @status`;
    const { match, scope, scopeEnd } = bound;
    return this.#count(sql, { org: orgId, status: status ?? null, match, scope, scopeEnd });
  }

  /** The pks of the users a search matches (when they are few: see SORT_MATCHES_LIMIT). */
  #matchingPks({ match, scope, scopeEnd }: SearchBinding): number[] {
    const statement = this.#prepare(MATCHING_PKS) as unknown as Database.Statement<
      Record<string, unknown>,
      number
    >;
    return statement.pluck().all({ match, scope, scopeEnd });
  }

  #countCandidates(orgId: string, status: number | undefined, pks: number[]): number {
    // Candidates are the organization's own rows (its email, its rowid range): without a status
    // filter, each counts.
    if (status === undefined) return pks.length;
    const sql = /* sql */ `
      SELECT count(*) FROM ${CANDIDATE_ROWS} WHERE u.org_id = @org AND u.status_rank = @status`;
    return this.#count(sql, { org: orgId, status, candidates: JSON.stringify(pks) });
  }

  #sql(shape: ListShape): string {
    const { field, ascending, match, plan } = shape;
    const column = SORT_COLUMN[field];
    const order = ascending ? 'ASC' : 'DESC';
    const byId = field !== 'email';
    const where = listWhere(shape);
    let from: string;
    if (plan === 'pending-walk' || plan === 'pending-sort') {
      from = `users u INDEXED BY ${plan === 'pending-walk' ? SORT_INDEX[field] : 'users_by_status'}`;
      if (match) where.push(`+u.pk IN (${MATCHING_PKS})`);
    } else if (plan === 'matches') {
      // Few matches: read the candidates by id and sort them.
      from = CANDIDATE_ROWS;
    } else {
      // Many or none: walk the sort index; with q, test each row against the matches.
      from = 'users u';
      // `+u.pk`: test membership while walking the sort index, rather than let the planner fetch
      // every match by rowid and sort them (one random row read per match).
      if (match) where.push(`+u.pk IN (${MATCHING_PKS})`);
    }
    // Deferred join: page through the (covering) sort index first, touching only keys, then
    // read and join the 51 rows of the page. Joining before OFFSET would join every skipped row.
    return /* sql */ `
      WITH page AS (
        SELECT u.pk, u.${column} AS sort_key FROM ${from}
        WHERE ${where.join(' AND ')}
        ORDER BY u.${column} ${order}${byId ? `, u.id ${order}` : ''}
        LIMIT @limit OFFSET @offset
      )
      ${USER_VIEW_SELECT}, page.sort_key
      FROM page CROSS JOIN users u ON u.pk = page.pk ${USER_VIEW_JOINS}
      ORDER BY page.sort_key ${order}, u.id ${order}`;
  }

  #count(sql: string, params: Record<string, unknown>): number {
    const statement = this.#prepare(sql) as unknown as Database.Statement<
      Record<string, unknown>,
      number
    >;
    return statement.pluck().get(params) ?? 0;
  }

  #prepare(sql: string): Statement {
    this.#trace?.push(sql);
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as Statement;
  }
}

/** The shape of a page's statement (its values are bound apart). */
interface ListShape {
  field: keyof typeof SORT_COLUMN;
  ascending: boolean;
  /** The status filter: none, Pending (not in the sort indexes), or another status. */
  status: 'any' | 'pending' | 'other';
  match: boolean;
  /** From where: the start, after a cursor's row, or from an anchor's row (itself included). */
  seek: 'none' | 'after' | 'from';
  plan: Plan;
}

/** The organization, status and seek terms of a page's WHERE (a search's are added apart). */
function listWhere({
  field,
  ascending,
  status,
  seek,
  plan,
}: Pick<ListShape, 'field' | 'ascending' | 'status' | 'seek' | 'plan'>): string[] {
  const column = SORT_COLUMN[field];
  // Emails are unique in an organization (migration 15): that sort needs no tie-break, and so
  // walks users_by_email, whose key is (org_id, email_key) alone, without reading a row.
  const byId = field !== 'email';
  const where = ['u.org_id = @org'];
  if (plan === 'pending-walk') {
    // `+`: no index for the status; the sort index is walked and each row's status checked.
    where.push('+u.status_rank = @status');
  } else if (status !== 'any') {
    where.push('u.status_rank = @status');
    // The sort indexes' own WHERE term, for any other status: without it SQLite cannot use
    // them (as far as it knows, a bound @status might be Pending).
    if (status === 'other') where.push(`u.status_rank <> ${PENDING}`);
  }
  if (seek !== 'none') {
    const key = byId ? `(u.${column}, u.id)` : `u.${column}`;
    const compare = (ascending ? '>' : '<') + (seek === 'from' ? '=' : '');
    where.push(`${key} ${compare} ${byId ? '(@k, @id)' : '@k'}`);
  }
  return where;
}

/** A filter as the users queries bind it: the status's rank, and what the search asks. */
function filterTerms(filter: Pick<UserQuery, 'q' | 'status'>): {
  status: number | undefined;
  search: UserSearch | null;
} {
  return {
    status: filter.status === undefined ? undefined : statusRank(filter.status),
    // A search text without any word (blank, punctuation only) filters nothing.
    search: parseUserSearch(filter.q),
  };
}

/** The cursor's key as the console's sort sees it (no sentinel for a missing activity). */
function cursorKey(
  field: keyof typeof SORT_COLUMN,
  stored: string | number,
): string | number | null {
  return field === 'lastActivity' && stored === NO_ACTIVITY ? null : stored;
}

function storedKey(field: keyof typeof SORT_COLUMN, key: unknown): string | number {
  return field === 'lastActivity' && key === null ? NO_ACTIVITY : (key as string | number);
}

/** A cursor made for another sort (its key has the wrong type) is rejected, not misread. */
function decodeCursorFor(text: string, field: keyof typeof SORT_COLUMN): UserCursor {
  const cursor = decodeUserCursor(text);
  const numeric = field === 'status' || field === 'lastActivity';
  const fits = numeric
    ? (typeof cursor.k === 'number' && Number.isFinite(cursor.k)) ||
      (field === 'lastActivity' && cursor.k === null)
    : typeof cursor.k === 'string';
  if (!fits || typeof cursor.id !== 'string') {
    throw new ValidationError(
      'cursor',
      'does not belong to this sort: start again from the first page',
    );
  }
  return cursor;
}
