import type { ImpNode } from '../model/deployment.ts';
import type { ImpTopology } from '../rules/session-moves.ts';
import type { Store } from '../store/store.ts';

/** An organization's IM&P rows; the review updates `impNodes` in place as it writes them. */
export type LiveImpTopology = ImpTopology & { impNodes: ImpNode[] };

export async function readImpTopology(store: Store, orgId: string): Promise<LiveImpTopology> {
  const [impClusters, impNodes, presenceRedundancyGroups] = await Promise.all([
    store.listImpClusters(orgId),
    store.listImpNodes(orgId),
    store.listPresenceRedundancyGroups(orgId),
  ]);
  return { impClusters, impNodes, presenceRedundancyGroups };
}
