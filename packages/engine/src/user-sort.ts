import { USER_STATUSES, type UserSortField, type UserStatus } from '@hybrid-hub/contract';
import { ValidationError } from './errors.ts';
import type { UserCursor } from './user-cursor.ts';

/**
 * The users list's sort keys, as every store must order them:
 * - name, email: the lower-cased text, compared by code unit (what SQLite's BINARY collation does
 *   for the same lower-cased key);
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
  return String(a) < String(b) ? -1 : 1;
}

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
