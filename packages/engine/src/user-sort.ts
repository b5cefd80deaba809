import { USER_STATUSES, type UserSortField, type UserStatus } from '@hybrid-hub/contract';
import { ValidationError } from './errors.ts';
import type { UserCursor } from './user-cursor.ts';

/**
 * The users list's sort keys, as every store must order them (UsersPort.listUsers):
 * - name, email: the lower-cased text (JavaScript's toLowerCase, stored with the row), compared
 *   by Unicode code point: PostgreSQL's COLLATE "C" and SQLite's BINARY on UTF-8 text both do;
 *   JavaScript's `<` compares UTF-16 code units, which differs from it past U+FFFF;
 * - status: the position in the contract's USER_STATUSES (Not activated, Pending, Active, Error);
 * - lastActivity: epoch ms, null (never) first ascending and last descending.
 * Ties break by id, in the same direction as the sort.
 */
export type UserSortKey = string | number | null;

const STATUS_RANK = new Map<UserStatus, number>(
  USER_STATUSES.map((status, rank) => [status, rank]),
);

export function statusRank(status: UserStatus): number {
  const rank = STATUS_RANK.get(status);
  if (rank === undefined) throw new TypeError(`unknown user status ${String(status)}`);
  return rank;
}

export function userSortKey(
  field: UserSortField,
  user: { displayName: string; email: string; status: UserStatus; lastActivityAt: number | null },
): UserSortKey {
  switch (field) {
    case 'name':
      return user.displayName.toLowerCase();
    case 'email':
      return user.email.toLowerCase();
    case 'status':
      return statusRank(user.status);
    case 'lastActivity':
      return user.lastActivityAt;
  }
}

/** Ascending order of two keys of the same field (null first). */
export function compareSortKeys(a: UserSortKey, b: UserSortKey): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareCodePoints(String(a), String(b));
}

/** Code-point order of two strings (UTF-8 byte order), without decoding them. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (U+D800–DFFF, the code points past U+FFFF) rank above U+E000–FFFF. */
const codePointRank = (unit: number) =>
  unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800;

export function compareIds(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** A cursor made for another sort (its key has the wrong type) is rejected, not misread. */
export function assertCursorFits(cursor: UserCursor, field: UserSortField): void {
  const { k } = cursor;
  const fits =
    field === 'name' || field === 'email'
      ? typeof k === 'string'
      : field === 'status'
        ? typeof k === 'number' && Number.isInteger(k)
        : k === null || typeof k === 'number';
  if (!fits) {
    throw new ValidationError(
      'cursor',
      'does not belong to this sort: start again from the first page',
    );
  }
}
