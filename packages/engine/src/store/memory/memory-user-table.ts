import type { UserSortField } from '@hybrid-hub/contract';
import type { CloudUser, UserView } from '../../model/user.ts';
import type { UserPage, UserQuery } from '../store.ts';
import {
  matchesUserSearch,
  parseUserSearch,
  userSearchText,
  type UserSearchText,
} from '../../search-terms.ts';
import { decodeUserCursor, encodeUserCursor, type UserCursor } from '../../user-cursor.ts';
import {
  assertCursorFits,
  compareIds,
  compareSortKeys,
  userSortKey,
  type UserSortKey,
} from '../../user-sort.ts';

interface UserRecord {
  user: CloudUser;
  /** What search matches, worked out on first search (most users are never searched). */
  search?: UserSearchText;
}

interface SortedRow {
  key: UserSortKey;
  id: string;
  record: UserRecord;
}

/**
 * One organization's users, with the users list done in memory: the rows sorted ascending by
 * (key, id) once per sort field and kept until a user changes, so a page is a filter over a
 * sorted array and a cursor a binary search in it.
 */
export class UserTable {
  readonly #records = new Map<string, UserRecord>();
  readonly #sorted = new Map<UserSortField, SortedRow[]>();
  /**
   * Indexes kept by every write (`set`, `delete`, and so every rollback), so that the due work
   * never scans all the users: the users of each node (its load is the set's size; no empty
   * set is kept), and the users with a due time.
   */
  readonly #byNode = new Map<string, Map<string, CloudUser>>();
  readonly #due = new Map<string, CloudUser>();
  /** Users by lower-cased email, which is unique in an organization (a whole email finds one). */
  readonly #byEmail = new Map<string, string>();

  get size(): number {
    return this.#records.size;
  }

  get(id: string): CloudUser | undefined {
    return this.#records.get(id)?.user;
  }

  has(id: string): boolean {
    return this.#records.has(id);
  }

  *users(): Generator<CloudUser> {
    for (const record of this.#records.values()) yield record.user;
  }

  /** Inserts or replaces; the caller passes a copy it will not mutate. */
  set(user: CloudUser): void {
    const before = this.#records.get(user.id)?.user;
    const holder = this.#byEmail.get(user.email.toLowerCase());
    if (holder !== undefined && holder !== user.id) {
      throw new Error(`another user of the organization has the email ${user.email}`);
    }
    if (before) this.#unindex(before);
    this.#records.set(user.id, { user });
    this.#index(user);
    this.#sorted.clear();
  }

  delete(id: string): void {
    const before = this.#records.get(id)?.user;
    if (!before) return;
    this.#unindex(before);
    this.#records.delete(id);
    this.#sorted.clear();
  }

  /** Users per node id, for the nodes that have any. */
  countByNode(): Map<string, number> {
    return new Map(Array.from(this.#byNode, ([nodeId, users]) => [nodeId, users.size]));
  }

  /** The users with a due time (any: the caller compares it with its now). */
  dueUsers(): IterableIterator<CloudUser> {
    return this.#due.values();
  }

  #index(user: CloudUser): void {
    this.#byEmail.set(user.email.toLowerCase(), user.id);
    if (user.nodeId !== null) {
      let users = this.#byNode.get(user.nodeId);
      if (!users) this.#byNode.set(user.nodeId, (users = new Map()));
      users.set(user.id, user);
    }
    if (user.dueAt !== null) this.#due.set(user.id, user);
  }

  #unindex(user: CloudUser): void {
    this.#byEmail.delete(user.email.toLowerCase());
    if (user.nodeId !== null) {
      const users = this.#byNode.get(user.nodeId);
      users?.delete(user.id);
      if (users?.size === 0) this.#byNode.delete(user.nodeId);
    }
    if (user.dueAt !== null) this.#due.delete(user.id);
  }

  list(query: UserQuery, view: (user: CloudUser) => UserView): UserPage {
    const { field, direction } = query.sort;
    const cursor = query.cursor === undefined ? undefined : decodeUserCursor(query.cursor);
    if (cursor) assertCursorFits(cursor, field);

    const matches = this.#matcher(query);
    let rows = this.#sortedBy(field);
    if (matches) rows = rows.filter(({ record }) => matches(record));
    const total = rows.length;
    if (total === 0) return { items: [], total, nextCursor: null, prevCursor: null };

    // Position i of the list in the requested order.
    const descending = direction === 'desc';
    const at = (i: number) => rows[descending ? total - 1 - i : i]!;
    const { start, end, hasPrev, hasNext } = cursor
      ? windowFromCursor(cursor, query.pageSize, total, (i) =>
          compareRow(at(i), cursor, descending),
        )
      : windowFromPage(query.page, query.pageSize, total);

    const page: SortedRow[] = [];
    for (let i = start; i < end; i++) page.push(at(i));
    const first = page[0];
    const last = page.at(-1);
    const cursorOf = (row: SortedRow | undefined, d: UserCursor['d']) =>
      row ? encodeUserCursor({ k: row.key, id: row.id, d }) : null;
    return {
      items: page.map((row) => view(row.record.user)),
      total,
      nextCursor: hasNext ? cursorOf(last, 'next') : null,
      prevCursor: hasPrev ? cursorOf(first, 'prev') : null,
    };
  }

  /** Up to `limit` users assigned to this node, in id order. */
  onNode(nodeId: string, limit: number): CloudUser[] {
    const users = [...(this.#byNode.get(nodeId)?.values() ?? [])];
    return users.sort((a, b) => compareIds(a.id, b.id)).slice(0, Math.max(0, limit));
  }

  /** Ids of every user `list` would match with this filter, in id order. */
  ids(filter: Pick<UserQuery, 'q' | 'status'>): string[] {
    const matches = this.#matcher(filter);
    const ids: string[] = [];
    for (const record of this.#records.values()) {
      if (!matches || matches(record)) ids.push(record.user.id);
    }
    return ids.sort(compareIds);
  }

  /** The filter's test of one user, or undefined when it lets every user through. */
  #matcher(filter: Pick<UserQuery, 'q' | 'status'>): ((record: UserRecord) => boolean) | undefined {
    const { status } = filter;
    const search = parseUserSearch(filter.q);
    if (status === undefined && search === null) return undefined;
    // A whole email address names its user, and no one else.
    const named = search?.email == null ? undefined : this.#byEmail.get(search.email);
    return (record) => {
      if (status !== undefined && record.user.status !== status) return false;
      if (search === null) return true;
      if (named !== undefined) return record.user.id === named;
      record.search ??= userSearchText(record.user);
      return matchesUserSearch(record.search, search);
    };
  }

  #sortedBy(field: UserSortField): SortedRow[] {
    let rows = this.#sorted.get(field);
    if (!rows) {
      rows = Array.from(this.#records.values(), (record) => ({
        key: userSortKey(field, record.user),
        id: record.user.id,
        record,
      }));
      rows.sort((a, b) => compareSortKeys(a.key, b.key) || compareIds(a.id, b.id));
      this.#sorted.set(field, rows);
    }
    return rows;
  }
}

/** Order of a row against the cursor's row, in the list's order (negative: row comes first). */
function compareRow(row: SortedRow, cursor: UserCursor, descending: boolean): number {
  const ascending = compareSortKeys(row.key, cursor.k) || compareIds(row.id, cursor.id);
  return descending ? -ascending : ascending;
}

interface Window {
  start: number;
  end: number;
  hasPrev: boolean;
  hasNext: boolean;
}

function windowFromPage(page: number, pageSize: number, total: number): Window {
  const start = Math.min((page - 1) * pageSize, total);
  const end = Math.min(start + pageSize, total);
  // Beyond the end: no rows, but the pages before it exist (their cursor needs a row, so none).
  return { start, end, hasPrev: start > 0, hasNext: end < total };
}

/**
 * `next`: the page starts at the first row strictly after the cursor's row.
 * `prev`: the page ends at the last row strictly before it.
 * The cursor's own row lies on the other side, so that side always has a page.
 */
function windowFromCursor(
  cursor: UserCursor,
  pageSize: number,
  total: number,
  compareAt: (i: number) => number,
): Window {
  // First position whose row is strictly after the cursor (binary search: rows are in order).
  let low = 0;
  let high = total;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareAt(mid) > 0) high = mid;
    else low = mid + 1;
  }
  if (cursor.d === 'next') {
    const end = Math.min(low + pageSize, total);
    return { start: low, end, hasPrev: true, hasNext: end < total };
  }
  // Rows strictly before the cursor end just before its own position (or `low` if it is gone).
  const before = low > 0 && compareAt(low - 1) === 0 ? low - 1 : low;
  const start = Math.max(0, before - pageSize);
  return { start, end: before, hasPrev: start > 0, hasNext: true };
}
