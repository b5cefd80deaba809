import type { CloudUser } from '../model/user.ts';
import type { Store } from '../store.ts';
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

/**
 * Reads what `evaluateActivation` needs for one user. A user who is assigned now is counted out
 * of their node's load, so re-evaluating them does not compete with themselves.
 */
export async function gatherActivationFacts(
  store: Store,
  orgId: string,
  user: Pick<CloudUser, 'email' | 'entitledHybridMessage' | 'nodeId'>,
  deployment?: DeploymentFacts,
): Promise<ActivationFacts> {
  const [byMailid, byUserid, facts] = await Promise.all([
    store.findDirectoryEntriesByMailid(orgId, user.email),
    store.findDirectoryEntriesByUserid(orgId, useridOf(user.email)),
    deployment ?? gatherDeploymentFacts(store, orgId),
  ]);
  const entries = [...new Map([...byMailid, ...byUserid].map((e) => [e.id, e])).values()];
  const jids = [...new Set(entries.map((e) => e.jid))];
  const accounts = await Promise.all(jids.map((jid) => store.findJidAccount(orgId, jid)));
  let usersByNode = facts.usersByNode;
  if (user.nodeId !== null && (usersByNode.get(user.nodeId) ?? 0) > 0) {
    const own = new Map(usersByNode);
    own.set(user.nodeId, own.get(user.nodeId)! - 1);
    usersByNode = own;
  }
  return {
    email: user.email,
    entitledHybridMessage: user.entitledHybridMessage,
    directoryEntries: entries,
    jidAccounts: accounts.flatMap((account) => (account ? [account.jid] : [])),
    deployment: { ...facts, usersByNode },
  };
}
