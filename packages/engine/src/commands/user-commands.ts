import type { UserDetail } from '@hybrid-hub/contract';
import type { Actor } from '../model/actor.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { CloudUser } from '../model/user.ts';
import { getUser } from '../queries/user-queries.ts';
import { reactivate, switchMessageService, type UserChange } from '../rules/user-transitions.ts';
import type { Store } from '../store/store.ts';
import type { EngineContext } from './context.ts';
import { writeUserChanges } from './write-changes.ts';

export const CHANGED_BY_SOMEONE_ELSE =
  'This user was changed by someone else in the meantime: reload and try again.';

/** The "Message Service" switch and Save. */
export function setMessageService(
  ctx: EngineContext,
  by: Actor,
  userId: string,
  enabled: boolean,
): Promise<UserDetail> {
  return changeUser(ctx, by, userId, (user, at) =>
    switchMessageService(user, enabled, by.actor, at, ctx.activationDelayMs),
  );
}

/** Reactivate User: Error or Active → Pending; Pending stays as it is; refused when off. */
export function reactivateUser(ctx: EngineContext, by: Actor, userId: string): Promise<UserDetail> {
  return changeUser(ctx, by, userId, (user, at) => {
    const result = reactivate(user, by.actor, at, ctx.activationDelayMs);
    if (result.kind === 'refused') throw new ConflictError(result.message);
    return result.kind === 'change' ? result.change : null;
  });
}

/**
 * Reads the user, decides, and writes the change with its history line and event in one
 * transaction; after the commit, wakes the event streams. Answers the user as it is then.
 */
async function changeUser(
  ctx: EngineContext,
  by: Actor,
  userId: string,
  decide: (user: CloudUser, at: number) => UserChange | null,
): Promise<UserDetail> {
  const at = ctx.clock.now(by.orgId);
  const wrote = await ctx.store.transaction(by.orgId, async (tx) => {
    const user = await readUser(tx, by.orgId, userId);
    const change = decide(user, at);
    if (!change) return false;
    const written = await writeUserChanges(tx, by.orgId, [change], at, ctx.newId);
    // Another writer (another replica) got there between our read and our write.
    if (written.length === 0) throw new ConflictError(CHANGED_BY_SOMEONE_ELSE);
    return true;
  });
  if (wrote) ctx.notify([by.orgId]);
  return getUser(ctx.store, ctx.clock.forOrg(by.orgId), by.orgId, userId);
}

async function readUser(store: Store, orgId: string, userId: string): Promise<CloudUser> {
  const [user] = await store.getUsers(orgId, [userId]);
  if (!user) throw new NotFoundError('user', userId);
  return user;
}
