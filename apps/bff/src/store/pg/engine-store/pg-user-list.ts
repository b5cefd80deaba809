import {
  decodeUserCursor,
  encodeUserCursor,
  parseUserSearch,
  statusRank,
  ValidationError,
  type UserCursor,
  type UserPage,
  type UserQuery,
} from '@hybrid-hub/engine';
import type { PgQueryable } from '../pg-queryable.ts';
import { searchPatterns } from './pg-search-text.ts';
import {
  NO_ACTIVITY,
  toUserView,
  USER_VIEW_JOINS,
  USER_VIEW_SELECT,
  type PgUserViewRow,
} from './pg-user-rows.ts';

/**
 * `listUsers` on PostgreSQL (migration 2). Every variant reads an index range in order:
 * - no `q`: the (org_id[, status_rank], key, id) btree is walked; OFFSET for pages (read from
 *   the far end past the middle), a row-value seek `(key, id) > ($k, $id)` for cursors; the total
 *   comes from user_status_counts.
 * - `q` a whole email address: its user through the unique users_by_email, before any trigram
 *   work (the engine's parseUserSearch says what a search means).
 * - other `q`: user_search's trigram GIN index yields the matches. Up to FEW_MATCHES of them are
 *   the candidates, read by key and sorted; beyond, the sort index is walked and each row checked
 *   against user_search by its key, which stops after one page instead of sorting every match.
 */

type Field = UserQuery['sort']['field'];

const SORT_COLUMN = {
  name: 'name_key',
  email: 'email_key',
  status: 'status_rank',
  lastActivity: 'activity_key',
} as const satisfies Record<Field, string>;

/** Up to this many matches are sorted; beyond, walking the sort index stops sooner. */
const FEW_MATCHES = 2_000;

/** Which users a filter keeps, as the statements bind it. */
type Filter =
  | { kind: 'all' }
  /** The user a whole email names (looked up before any trigram work). */
  | { kind: 'ids'; ids: string[] }
  /** LIKE patterns search_text must all match (pg-search-text.ts). */
  | { kind: 'search'; patterns: string[] };

/** Numbered parameters of one statement: `add` binds a value and names its placeholder. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export class PgUserList {
  readonly #sql: PgQueryable;
  /** While `explain` runs: the statements `list` ran, with their values. */
  #trace: { text: string; values: unknown[] }[] | null = null;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
  }

  async list(orgId: string, query: UserQuery): Promise<UserPage> {
    const { field, direction } = query.sort;
    const cursor = query.cursor === undefined ? undefined : decodeCursorFor(query.cursor, field);
    const status = query.status === undefined ? undefined : statusRank(query.status);
    const filter = await this.#filter(orgId, query.q);

    const { candidates, total } = await this.#matches(orgId, status, filter);
    if (total === 0) return { items: [], total, nextCursor: null, prevCursor: null };

    // Backwards for a "previous page" cursor, then back in order. A page number past the middle
    // is read from the end too: OFFSET steps over index entries one by one, so the last page
    // costs what the first does instead of a walk of the whole range.
    const start = (query.page - 1) * query.pageSize;
    const fromEnd = !cursor && start > total / 2 && start < total;
    const backwards = cursor?.d === 'prev' || fromEnd;
    const ascending = (direction === 'asc') !== backwards;
    const offset = cursor ? 0 : fromEnd ? Math.max(0, total - start - query.pageSize) : start;
    const limit = fromEnd ? Math.min(query.pageSize, total - start) : query.pageSize + 1;

    const { text, values } = pageStatement({
      orgId,
      status,
      candidates,
      filter,
      field,
      ascending,
      cursor,
      limit,
      offset,
    });
    const rows = await this.#rows<PgUserViewRow & { sort_key: string | number }>(text, values);

    const more = !fromEnd && rows.length > query.pageSize;
    if (more) rows.pop();
    if (backwards) rows.reverse();
    const cursorOf = (row: (typeof rows)[number] | undefined, d: UserCursor['d']) =>
      row ? encodeUserCursor({ k: cursorKey(field, row.sort_key), id: row.u_id, d }) : null;
    const { hasPrev, hasNext } = pageEnds({
      cursor,
      start,
      fromEnd,
      total,
      more,
      pageSize: query.pageSize,
    });
    return {
      items: rows.map(toUserView),
      total,
      nextCursor: hasNext ? cursorOf(rows.at(-1), 'next') : null,
      prevCursor: hasPrev ? cursorOf(rows[0], 'prev') : null,
    };
  }

  /** Ids of every user `list` matches with this filter, in id order. */
  async ids(orgId: string, query: Pick<UserQuery, 'q' | 'status'>): Promise<string[]> {
    const filter = await this.#filter(orgId, query.q);
    const p = new Params();
    const org = p.add(orgId);
    const where = [`u.org_id = ${org}`];
    if (query.status !== undefined)
      where.push(`u.status_rank = ${p.add(statusRank(query.status))}`);
    if (filter.kind === 'ids') where.push(`u.id = ANY(${p.add(filter.ids)}::text[])`);
    if (filter.kind === 'search') {
      where.push(`u.id IN (${matchingSql(p, filter.patterns, org)})`);
    }
    const rows = await this.#rows<{ id: string }>(
      `SELECT u.id FROM users u WHERE ${where.join(' AND ')} ORDER BY u.id`,
      p.values,
    );
    return rows.map((row) => row.id);
  }

  /**
   * The plans of the statements `list` runs for this query (lookups, counts, the page), as
   * PostgreSQL's EXPLAIN text, one statement after the other (for tests); `analyze` runs them
   * again to show where the time goes.
   */
  async explain(orgId: string, query: UserQuery, analyze = false): Promise<string[]> {
    const statements: { text: string; values: unknown[] }[] = [];
    this.#trace = statements;
    try {
      await this.list(orgId, query);
    } finally {
      this.#trace = null;
    }
    const plans: string[] = [];
    for (const { text, values } of statements) {
      const result = await this.#sql.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN ${analyze ? '(ANALYZE, BUFFERS) ' : ''}${text}`,
        values,
      );
      plans.push(result.rows.map((row) => row['QUERY PLAN']).join('\n'));
    }
    return plans;
  }

  /**
   * The users the page is read from: `candidates` when they are few (a whole email's user, or
   * up to FEW_MATCHES matches of a search, read by key and sorted), else null (the sort index
   * is walked); and how many of them the status filter keeps. A search is counted first, through
   * the trigram index: its count is both the choice and, without a status filter, the total.
   */
  async #matches(
    orgId: string,
    status: number | undefined,
    filter: Filter,
  ): Promise<{ candidates: string[] | null; total: number }> {
    let candidates = filter.kind === 'ids' ? filter.ids : null;
    if (filter.kind === 'search') {
      const matching = await this.#countMatches(orgId, undefined, filter.patterns);
      if (matching > FEW_MATCHES) {
        const total =
          status === undefined
            ? matching
            : await this.#countMatches(orgId, status, filter.patterns);
        return { candidates: null, total };
      }
      candidates = matching === 0 ? [] : await this.#matchingIds(orgId, filter.patterns);
    }
    if (candidates === null) return { candidates, total: await this.#countAll(orgId, status) };
    const total =
      status === undefined || candidates.length === 0
        ? candidates.length
        : await this.#countIds(orgId, status, candidates);
    return { candidates, total };
  }

  /** The search as the statements bind it: a whole email's user first, else its patterns. */
  async #filter(orgId: string, q: string | undefined): Promise<Filter> {
    const search = parseUserSearch(q);
    if (search === null) return { kind: 'all' };
    // PostgreSQL text holds no NUL: an address with one names nobody (and could not be bound).
    if (search.email !== null && !search.email.includes('\u0000')) {
      const named = await this.#rows<{ id: string }>(
        'SELECT id FROM users WHERE org_id = $1 AND email_key = $2',
        [orgId, search.email],
      );
      if (named.length > 0) return { kind: 'ids', ids: [named[0]!.id] };
    }
    return { kind: 'search', patterns: searchPatterns(search) };
  }

  async #matchingIds(orgId: string, patterns: string[]): Promise<string[]> {
    const p = new Params();
    const org = p.add(orgId);
    const rows = await this.#rows<{ id: string }>(matchingSql(p, patterns, org), p.values);
    return rows.map((row) => row.id);
  }

  async #countMatches(
    orgId: string,
    status: number | undefined,
    patterns: string[],
  ): Promise<number> {
    const p = new Params();
    const org = p.add(orgId);
    const text =
      status === undefined
        ? `SELECT count(*) AS n FROM (${matchingSql(p, patterns, org)}) m`
        : `SELECT count(*) AS n FROM (${matchingSql(p, patterns, org)}) m
           JOIN users u ON u.org_id = ${org} AND u.id = m.id
           WHERE u.status_rank = ${p.add(status)}`;
    return this.#count(text, p.values);
  }

  #countIds(orgId: string, status: number, ids: string[]): Promise<number> {
    return this.#count(
      'SELECT count(*) AS n FROM users WHERE org_id = $1 AND id = ANY($2::text[]) AND status_rank = $3',
      [orgId, ids, status],
    );
  }

  #countAll(orgId: string, status: number | undefined): Promise<number> {
    return status === undefined
      ? this.#count('SELECT coalesce(sum(n), 0) AS n FROM user_status_counts WHERE org_id = $1', [
          orgId,
        ])
      : this.#count(
          'SELECT coalesce(sum(n), 0) AS n FROM user_status_counts WHERE org_id = $1 AND status_rank = $2',
          [orgId, status],
        );
  }

  async #count(text: string, values: unknown[]): Promise<number> {
    const rows = await this.#rows<{ n: number | string }>(text, values);
    return Number(rows[0]?.n ?? 0);
  }

  async #rows<R extends object>(text: string, values: unknown[]): Promise<R[]> {
    this.#trace?.push({ text, values });
    return (await this.#sql.query<R & Record<string, unknown>>(text, values)).rows;
  }
}

/**
 * The page's statement: the keys of its rows from the sort index first (a deferred join: no row
 * is read for the entries OFFSET steps over), then those rows and their names.
 */
function pageStatement(shape: {
  orgId: string;
  status: number | undefined;
  candidates: string[] | null;
  filter: Filter;
  field: Field;
  ascending: boolean;
  cursor: UserCursor | undefined;
  limit: number;
  offset: number;
}): { text: string; values: unknown[] } {
  const { field, ascending, cursor, candidates, filter, status } = shape;
  const column = SORT_COLUMN[field];
  const order = ascending ? 'ASC' : 'DESC';
  // Emails are unique in an organization: that sort needs no tie-break by id.
  const byId = field !== 'email';
  const p = new Params();
  const where = [`u.org_id = ${p.add(shape.orgId)}`];
  if (status !== undefined) where.push(`u.status_rank = ${p.add(status)}`);
  if (candidates !== null) where.push(`u.id = ANY(${p.add(candidates)}::text[])`);
  else if (filter.kind === 'search') where.push(`EXISTS (${searchProbe(p, filter.patterns)})`);
  if (cursor) {
    const key = storedKey(field, cursor.k);
    const [left, right] = byId
      ? [`(u.${column}, u.id)`, `(${p.add(key)}, ${p.add(cursor.id)})`]
      : [`u.${column}`, p.add(key)];
    where.push(`${left} ${ascending ? '>' : '<'} ${right}`);
  }
  const text = /* sql */ `
    ${USER_VIEW_SELECT}, p.sort_key
    FROM (
      SELECT u.org_id, u.id, u.${column} AS sort_key FROM users u
      WHERE ${where.join(' AND ')}
      ORDER BY u.${column} ${order}${byId ? `, u.id ${order}` : ''}
      LIMIT ${p.add(shape.limit)} OFFSET ${p.add(shape.offset)}
    ) p
    JOIN users u ON u.org_id = p.org_id AND u.id = p.id ${USER_VIEW_JOINS}
    ORDER BY p.sort_key ${order}, u.id ${order}`;
  return { text, values: p.values };
}

/**
 * Whether pages lie before and after the one read. From a cursor, the side the cursor's own row
 * lies on always has a page; the other has one when a row beyond the page was read.
 */
function pageEnds(reading: {
  cursor: UserCursor | undefined;
  start: number;
  fromEnd: boolean;
  total: number;
  more: boolean;
  pageSize: number;
}): { hasPrev: boolean; hasNext: boolean } {
  const { cursor, start, fromEnd, total, more, pageSize } = reading;
  if (cursor?.d === 'next') return { hasPrev: true, hasNext: more };
  if (cursor?.d === 'prev') return { hasPrev: more, hasNext: true };
  return { hasPrev: start > 0, hasNext: fromEnd ? start + pageSize < total : more };
}

/** Ids of the organization's users whose search_text matches every pattern (the GIN index). */
function matchingSql(p: Params, patterns: string[], org: string): string {
  const likes = patterns.map((pattern) => `s.search_text LIKE ${p.add(pattern)}`);
  return `SELECT s.id FROM user_search s WHERE s.org_id = ${org} AND ${likes.join(' AND ')}`;
}

/**
 * Whether the row `u` matches, read from user_search by its key. `OFFSET 0` keeps it a probe per
 * row walked: left to itself, PostgreSQL may turn EXISTS into a join that reads every match
 * first and sorts them, the plan the few-matches case takes on purpose.
 */
function searchProbe(p: Params, patterns: string[]): string {
  const likes = patterns.map((pattern) => `s.search_text LIKE ${p.add(pattern)}`);
  return `SELECT 1 FROM user_search s WHERE s.org_id = u.org_id AND s.id = u.id
    AND ${likes.join(' AND ')} OFFSET 0`;
}

/** The cursor's key as the console's sort sees it (no sentinel for a missing activity). */
function cursorKey(field: Field, stored: string | number): string | number | null {
  return field === 'lastActivity' && Number(stored) === NO_ACTIVITY ? null : stored;
}

function storedKey(field: Field, key: UserCursor['k']): string | number {
  return field === 'lastActivity' && key === null ? NO_ACTIVITY : (key as string | number);
}

/**
 * A cursor made for another sort (its key has the wrong type) is rejected, not misread; so is a
 * key no stored one can be and PostgreSQL would refuse to bind (a fraction for a bigint, a rank
 * beyond smallint, a NUL in text): a ValidationError, not a server error.
 */
function decodeCursorFor(text: string, field: Field): UserCursor {
  const cursor = decodeUserCursor(text);
  const { k, id } = cursor;
  const fits =
    !id.includes('\u0000') &&
    (field === 'name' || field === 'email'
      ? typeof k === 'string' && !k.includes('\u0000')
      : field === 'status'
        ? Number.isInteger(k) && Math.abs(k as number) < 2 ** 15
        : k === null || Number.isSafeInteger(k));
  if (!fits) {
    throw new ValidationError(
      'cursor',
      'does not belong to this sort: start again from the first page',
    );
  }
  return cursor;
}
