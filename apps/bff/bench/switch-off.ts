import type { CloudUser, Store } from '@hybrid-hub/engine';

/**
 * Set-up of the bulk activation benchmarks, never measured: makes exactly `count` users of `orgId`
 * Not activated, so that "activate everyone Not activated" is a job of that size — its Not
 * activated users, topped up with Active ones switched off. Written straight into the store, in
 * transactions of 5,000 (any Store: SQLite or PostgreSQL). Returns their ids.
 */
export async function switchOffForJob(
  store: Store,
  orgId: string,
  count: number,
): Promise<string[]> {
  const off = await store.listUserIds(orgId, { status: 'Not activated' });
  const active = await store.listUserIds(orgId, { status: 'Active' });
  const topUp = active.slice(0, Math.max(0, count - off.length));
  if (off.length + topUp.length < count)
    throw new Error(`${orgId} has ${off.length + active.length} users to switch off, not ${count}`);
  await switchOff(store, orgId, topUp);
  return [...off.slice(0, count), ...topUp];
}

/** Switches `ids` off again (Not activated, unassigned), e.g. to run the same job once more. */
export async function switchOff(
  store: Store,
  orgId: string,
  ids: readonly string[],
): Promise<void> {
  for (let i = 0; i < ids.length; i += 5000) {
    await store.transaction(orgId, async (tx) => {
      const batch = await tx.getUsers(orgId, ids.slice(i, i + 5000));
      await tx.updateUsers(
        batch.map((user) => {
          const after: CloudUser = {
            ...user,
            messageServiceEnabled: false,
            status: 'Not activated',
            errorCode: null,
            errorMessage: null,
            clusterId: null,
            nodeId: null,
            dueAt: null,
            version: user.version + 1,
          };
          return { before: user, after };
        }),
      );
    });
  }
}
