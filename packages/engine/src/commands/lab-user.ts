import type { LabUser, LabUserUpdate } from '@hybrid-hub/contract';
import type { Actor } from '../model/actor.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { DirectoryEntry, ImpCluster, ImpNode } from '../model/deployment.ts';
import type { CloudUser } from '../model/user.ts';
import { gatherDirectoryFacts, useridOf } from '../rules/activation-facts.ts';
import {
  connectedTo,
  labDuplicateEntryId,
  labEntries,
  labEntryId,
} from '../rules/lab-directory.ts';
import type { Store } from '../store/store.ts';
import type { EngineContext } from './context.ts';
import { CHANGED_BY_SOMEONE_ELSE } from './user-commands.ts';
import { writeUserChanges } from './write-changes.ts';

/** `GET /lab/users/{id}`: what the cloud and the on-premises directories say about the user. */
export async function getLabUser(store: Store, orgId: string, userId: string): Promise<LabUser> {
  const state = await readLabState(store, orgId, userId);
  const { user, entries, jidAccounts, impClusters, impNodes } = state;
  const impClusterById = new Map(impClusters.map((c) => [c.id, c]));
  const address = new Map(impNodes.map((n) => [n.id, n.address]));
  return {
    userId: user.id,
    email: user.email,
    entitlements: {
      hybridMessage: user.entitledHybridMessage,
      messageFree: user.entitledMessageFree,
    },
    directoryEntries: entries.map((e) => ({
      id: e.id,
      impClusterId: e.impClusterId,
      impClusterName: impClusterById.get(e.impClusterId)?.name ?? e.impClusterId,
      connected: Boolean(impClusterById.get(e.impClusterId)?.expresswayClusterId),
      userid: e.userid,
      jid: e.jid,
      mailid: e.mailid,
      homeImpNodeId: e.homeImpNodeId,
      homeImpNodeAddress: address.get(e.homeImpNodeId) ?? e.homeImpNodeId,
    })),
    duplicateJidAccount: jidAccounts.length > 0,
    impClusters: impClusters.map((c) => ({
      id: c.id,
      name: c.name,
      connected: c.expresswayClusterId !== null,
      nodes: impNodes
        .filter((n) => n.impClusterId === c.id)
        .map((n) => ({ id: n.id, address: n.address })),
    })),
  };
}

/**
 * `PUT /lab/users/{id}`: edits the user's on-premises directory entries, entitlements and
 * duplicate JID account in one transaction. It changes the conditions only, never the status:
 * the admin then clicks Reactivate User (or waits for a retry) and activation judges them.
 */
export async function updateLabUser(
  ctx: EngineContext,
  by: Actor,
  userId: string,
  update: LabUserUpdate,
): Promise<LabUser> {
  const at = ctx.clock.now(by.orgId);
  const announced = await ctx.store.transaction(by.orgId, async (tx) => {
    const state = await readLabState(tx, by.orgId, userId);
    const nodeOf = (field: string, id: string): ImpNode => {
      const node = state.impNodes.find((n) => n.id === id);
      if (!node)
        throw new ValidationError(field, `No IM and Presence node ${id} in this organization.`);
      return node;
    };
    let { main } = labEntries(
      userId,
      state.user.email,
      state.entries,
      connectedTo(state.impClusters),
    );

    if (update.directory) main = await editMainEntry(tx, state, main, update.directory, nodeOf);
    if (update.duplicateHomeImpNodeId !== undefined) {
      await editDuplicateHome(tx, state, main, update.duplicateHomeImpNodeId, nodeOf);
    }
    if (update.duplicateJidAccount !== undefined) {
      if (update.duplicateJidAccount) {
        if (!main)
          throw new ValidationError(
            'duplicateJidAccount',
            'The user has no directory entry, so no JID: create the entry first.',
          );
        if (!state.jidAccounts.includes(main.jid))
          await tx.insertJidAccounts([{ orgId: by.orgId, jid: main.jid, createdAt: at }]);
      } else {
        for (const jid of state.jidAccounts) await tx.deleteJidAccount(by.orgId, jid);
      }
    }
    return update.entitlements
      ? await editEntitlements(ctx, tx, state.user, update.entitlements, at)
      : false;
  });
  if (announced) ctx.notify([by.orgId]);
  return getLabUser(ctx.store, by.orgId, userId);
}

interface LabState {
  user: CloudUser;
  entries: DirectoryEntry[];
  /** The JIDs of the user's entries that a second cloud account is named after. */
  jidAccounts: readonly string[];
  impClusters: ImpCluster[];
  impNodes: ImpNode[];
}

async function readLabState(store: Store, orgId: string, userId: string): Promise<LabState> {
  const [user] = await store.getUsers(orgId, [userId]);
  if (!user) throw new NotFoundError('user', userId);
  const [directory, impClusters, impNodes] = await Promise.all([
    gatherDirectoryFacts(store, orgId, [user]),
    store.listImpClusters(orgId),
    store.listImpNodes(orgId),
  ]);
  const { directoryEntries, jidAccounts } = directory(user);
  // The Lab's duplicate home shares the main entry's userid, so the lookup finds it too.
  const entries = [...directoryEntries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // A node removed on premises is gone there (the connector may still know it until it
  // restarts): nobody can be homed on it any more.
  const present = impNodes.filter((n) => !n.removed);
  return { user, entries, jidAccounts, impClusters, impNodes: present };
}

async function editMainEntry(
  tx: Store,
  state: LabState,
  main: DirectoryEntry | undefined,
  edit: NonNullable<LabUserUpdate['directory']>,
  nodeOf: (field: string, id: string) => ImpNode,
): Promise<DirectoryEntry | undefined> {
  const { user } = state;
  if (edit.remove) {
    if (edit.mailid !== undefined || edit.homeImpNodeId !== undefined)
      throw new ValidationError('directory.remove', 'Remove the entry, or edit it: not both.');
    if (main) await tx.deleteDirectoryEntry(user.orgId, main.id);
    return undefined;
  }
  const home = edit.homeImpNodeId && nodeOf('directory.homeImpNodeId', edit.homeImpNodeId);
  if (main) {
    const edited: DirectoryEntry = {
      ...main,
      ...(edit.mailid !== undefined ? { mailid: edit.mailid } : {}),
      ...(home ? { homeImpNodeId: home.id, impClusterId: home.impClusterId } : {}),
    };
    await tx.updateDirectoryEntry(edited);
    return edited;
  }
  if (!home)
    throw new ValidationError(
      'directory.homeImpNodeId',
      'The user has no directory entry: choose a home node to create one.',
    );
  const userid = useridOf(user.email);
  const created: DirectoryEntry = {
    id: labEntryId(user.id),
    orgId: user.orgId,
    impClusterId: home.impClusterId,
    userid,
    jid: `${userid}@${jidDomain(state.entries, user.email)}`,
    mailid: edit.mailid ?? user.email,
    homeImpNodeId: home.id,
  };
  await tx.insertDirectoryEntries([created]);
  return created;
}

/** The IM domain of the user's other entries, else the email's domain. */
function jidDomain(entries: readonly DirectoryEntry[], email: string): string {
  const jid = entries.find((e) => e.jid.includes('@'))?.jid ?? email;
  return jid.slice(jid.lastIndexOf('@') + 1).toLowerCase();
}

async function editDuplicateHome(
  tx: Store,
  state: LabState,
  main: DirectoryEntry | undefined,
  homeImpNodeId: string | null,
  nodeOf: (field: string, id: string) => ImpNode,
): Promise<void> {
  const { user } = state;
  const current = state.entries.filter((e) => e.id !== main?.id);
  const { duplicates } = main
    ? labEntries(user.id, user.email, [main, ...current], connectedTo(state.impClusters))
    : { duplicates: [] };
  if (homeImpNodeId === null) {
    for (const entry of duplicates) await tx.deleteDirectoryEntry(user.orgId, entry.id);
    return;
  }
  const node = nodeOf('duplicateHomeImpNodeId', homeImpNodeId);
  if (!main)
    throw new ValidationError(
      'duplicateHomeImpNodeId',
      'The user has no directory entry to duplicate: create it first.',
    );
  if (node.impClusterId === main.impClusterId)
    throw new ValidationError(
      'duplicateHomeImpNodeId',
      'A duplicate home must be on another IM and Presence cluster than the main entry.',
    );
  const duplicate: DirectoryEntry = {
    ...main,
    id: labDuplicateEntryId(user.id),
    impClusterId: node.impClusterId,
    homeImpNodeId: node.id,
  };
  if (state.entries.some((e) => e.id === duplicate.id)) await tx.updateDirectoryEntry(duplicate);
  else await tx.insertDirectoryEntries([duplicate]);
}

/** Entitlements are the user's own row: written with the version check, and announced. */
async function editEntitlements(
  ctx: EngineContext,
  tx: Store,
  user: CloudUser,
  entitlements: NonNullable<LabUserUpdate['entitlements']>,
  at: number,
): Promise<boolean> {
  const hybridMessage = entitlements.hybridMessage ?? user.entitledHybridMessage;
  const messageFree = entitlements.messageFree ?? user.entitledMessageFree;
  if (hybridMessage === user.entitledHybridMessage && messageFree === user.entitledMessageFree)
    return false;
  const after: CloudUser = {
    ...user,
    entitledHybridMessage: hybridMessage,
    entitledMessageFree: messageFree,
    updatedAt: at,
    version: user.version + 1,
  };
  const written = await writeUserChanges(
    tx,
    user.orgId,
    [{ before: user, after, lines: [] }],
    at,
    ctx.newId,
  );
  if (written.length === 0) throw new ConflictError(CHANGED_BY_SOMEONE_ELSE);
  return true;
}
