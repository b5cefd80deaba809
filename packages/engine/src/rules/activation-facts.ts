import type { DirectoryEntry } from '../model/deployment.ts';
import type { CloudUser } from '../model/user.ts';
import type { Store } from '../store/store.ts';
import type { ActivationFacts, DeploymentFacts } from './activation.ts';

/** Reads the deployment part of the activation facts (a handful of small reads). */
export async function gatherDeploymentFacts(store: Store, orgId: string): Promise<DeploymentFacts> {
  const [expresswayClusters, nodes, impClusters, impNodes, presenceRedundancyGroups, usersByNode] =
    await Promise.all([
      store.listExpresswayClusters(orgId),
      store.listNodes(orgId),
      store.listImpClusters(orgId),
      store.listImpNodes(orgId),
      store.listPresenceRedundancyGroups(orgId),
      store.countUsersByNode(orgId),
    ]);
  return {
    expresswayClusters,
    nodes,
    impClusters,
    impNodes,
    presenceRedundancyGroups,
    usersByNode,
  };
}

/** The email's local part: the userid the connectors also look the user up by. */
export function useridOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at);
}

/** What the on-premises directory says about one user. */
export type DirectoryFacts = Pick<ActivationFacts, 'directoryEntries' | 'jidAccounts'>;

/**
 * Looks up many users' directory entries and JID accounts with two store reads in all (the due
 * work evaluates thousands of users at a time), and answers per user: the entries whose mailid
 * equals the email (any case) or whose userid is the email's local part — how the connectors
 * look a user up over AXL — and the JIDs of those entries that a second cloud account is named
 * after.
 */
export async function gatherDirectoryFacts(
  store: Store,
  orgId: string,
  users: readonly Pick<CloudUser, 'email'>[],
): Promise<(user: Pick<CloudUser, 'email'>) => DirectoryFacts> {
  const mailids = [...new Set(users.map((u) => u.email.toLowerCase()))];
  const userids = [...new Set(users.map((u) => useridOf(u.email)))];
  const entries = await store.findDirectoryEntries(orgId, { mailids, userids });
  const byMailid = new Map<string, DirectoryEntry[]>();
  const byUserid = new Map<string, DirectoryEntry[]>();
  for (const entry of entries) {
    push(byMailid, entry.mailid.toLowerCase(), entry);
    push(byUserid, entry.userid, entry);
  }
  const accounts = await store.findJidAccounts(orgId, [...new Set(entries.map((e) => e.jid))]);
  const takenJids = new Set(accounts.map((a) => a.jid));

  return (user) => {
    const found = new Map<string, DirectoryEntry>();
    for (const e of byMailid.get(user.email.toLowerCase()) ?? []) found.set(e.id, e);
    for (const e of byUserid.get(useridOf(user.email)) ?? []) found.set(e.id, e);
    const directoryEntries = [...found.values()];
    const jidAccounts = [
      ...new Set(directoryEntries.map((e) => e.jid).filter((jid) => takenJids.has(jid))),
    ];
    return { directoryEntries, jidAccounts };
  };
}

/**
 * The node loads as `user` should be evaluated against: a user who is assigned now is counted
 * out of their node's load, so re-evaluating them does not compete with themselves.
 */
export function countedOut(
  usersByNode: ReadonlyMap<string, number>,
  user: Pick<CloudUser, 'nodeId'>,
): ReadonlyMap<string, number> {
  if (user.nodeId === null || (usersByNode.get(user.nodeId) ?? 0) === 0) return usersByNode;
  const own = new Map(usersByNode);
  own.set(user.nodeId, own.get(user.nodeId)! - 1);
  return own;
}

/** Reads what `evaluateActivation` needs for one user (the batch lookup, for a batch of one). */
export async function gatherActivationFacts(
  store: Store,
  orgId: string,
  user: Pick<CloudUser, 'email' | 'entitledHybridMessage' | 'nodeId'>,
  deployment?: DeploymentFacts,
): Promise<ActivationFacts> {
  const [directory, facts] = await Promise.all([
    gatherDirectoryFacts(store, orgId, [user]),
    deployment ?? gatherDeploymentFacts(store, orgId),
  ]);
  return {
    email: user.email,
    entitledHybridMessage: user.entitledHybridMessage,
    ...directory(user),
    deployment: { ...facts, usersByNode: countedOut(facts.usersByNode, user) },
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
