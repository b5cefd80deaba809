import type { UsersChangedEvent } from '@hybrid-hub/contract';
import type { HistoryEntry } from '../model/user.ts';
import type { UserChange } from '../rules/user-transitions.ts';
import type { Store } from '../store/store.ts';

/**
 * Users read or written per store call. An embedded store (better-sqlite3) runs each call to its
 * end without letting the event loop in, so a call is kept short: on SQLite, writing 500 users
 * that leave Pending took 20–40 ms, 200 take 8–16 ms, so requests waiting on a long transaction
 * get their turn sooner (users page p95 during a 100,000-user job: 60–63 → 43–50 ms, for ~3 %
 * more CPU).
 */
export const WRITE_CHUNK = 200;

/**
 * Writes one organization's user changes inside the caller's transaction: each user only if
 * nobody changed it since it was read (optimistic version check), then the history lines of the
 * ones written, then one `users.changed` event announcing them (the outbox: the event commits
 * with the change, or neither does). Returns the changes that were written.
 *
 * The users are written WRITE_CHUNK at a time with the store's batch update: a batch of
 * thousands of users costs a few statements, not one per user.
 */
export async function writeUserChanges(
  tx: Store,
  orgId: string,
  changes: readonly UserChange[],
  at: number,
  newId: (prefix: string) => string,
): Promise<UserChange[]> {
  if (changes.length === 0) return [];
  const written: UserChange[] = [];
  for (const chunk of chunks(changes, WRITE_CHUNK)) {
    const landed = await tx.updateUsers(chunk);
    const chunkWritten = chunk.filter((_, i) => landed[i]);
    const history: HistoryEntry[] = [];
    for (const { after, lines } of chunkWritten) {
      for (const line of lines)
        history.push({ id: newId('h'), orgId, userId: after.id, at, ...line });
    }
    if (history.length > 0) await tx.appendHistory(history);
    written.push(...chunkWritten);
  }
  if (written.length > 0) await tx.appendEvents(orgId, at, [usersChangedEvent(written)]);
  return written;
}

/** `list` cut into consecutive slices of at most `size`. */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const slices: T[][] = [];
  for (let i = 0; i < list.length; i += size) slices.push(list.slice(i, i + size));
  return slices;
}

export function usersChangedEvent(changes: readonly UserChange[]): UsersChangedEvent {
  return {
    type: 'users.changed',
    users: changes.map(({ after }) => ({
      id: after.id,
      status: after.status,
      version: after.version,
    })),
  };
}
