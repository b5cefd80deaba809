import type { UsersChangedEvent } from '@hybrid-hub/contract';
import type { HistoryEntry } from '../model/user.ts';
import type { UserChange } from '../rules/user-transitions.ts';
import type { Store } from '../store.ts';

/**
 * Writes one organization's user changes inside the caller's transaction: each user only if
 * nobody changed it since it was read (optimistic version check), then the history lines of the
 * ones written, then one `users.changed` event announcing them (the outbox: the event commits
 * with the change, or neither does). Returns the changes that were written.
 *
 * The updates are issued together rather than awaited one by one: a batch of thousands of users
 * then costs one pass through the store, not thousands of round trips through the event loop.
 */
export async function writeUserChanges(
  tx: Store,
  orgId: string,
  changes: readonly UserChange[],
  at: number,
  newId: (prefix: string) => string,
): Promise<UserChange[]> {
  if (changes.length === 0) return [];
  const landed = await Promise.all(
    changes.map((change) => tx.updateUser(change.after, change.before.version)),
  );
  const written = changes.filter((_, i) => landed[i]);
  const history: HistoryEntry[] = [];
  for (const { after, lines } of written) {
    for (const line of lines)
      history.push({ id: newId('h'), orgId, userId: after.id, at, ...line });
  }
  if (history.length > 0) await tx.appendHistory(history);
  if (written.length > 0) await tx.appendEvents(orgId, at, [usersChangedEvent(written)]);
  return written;
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
