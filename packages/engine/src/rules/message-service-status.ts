import type { ImpNodeStatusRow, MessageServiceStatus } from '@hybrid-hub/contract';
import type { ConnectorNode, ImpCluster, ImpNode } from '../model/deployment.ts';
import { isDirectoryReadable } from './activation.ts';
import { worstConnectivity } from './cluster-health.ts';

/** The guide's hints when Connectivity to Webex is not Operational. */
export const CONNECTIVITY_HINTS: readonly string[] = [
  'Check the Expressway for a problem (Status > Alarms).',
  'Check the service status at status.webex.com.',
  'Check the network between the Expressway and Webex: the proxy if you have one, that firewalls allow outbound HTTPS connections, and with network diagnostic tools that routes exist.',
];

export const NO_DIRECTORY_USERS_WARNING =
  'Both user totals are 0: this could indicate an AXL query problem or a message connector configuration problem.';

/**
 * Which IM&P clusters' directories the two "Users from …" totals count, for one Expressway cluster:
 * - connected: the clusters configured on it whose directory the connector can read (connection
 *   and AXL work) — the users homed there;
 * - icsa: those plus every cluster in the same ICSA group, since their publishers also return the
 *   users they know through intercluster sync (so icsa ⊇ connected).
 * A connector that does not run on any node reads nothing: both empty.
 */
export function directorySources(
  nodes: readonly ConnectorNode[],
  localImpClusters: readonly ImpCluster[],
  allImpClusters: readonly ImpCluster[],
  impNodes: readonly ImpNode[],
): { connected: string[]; icsa: string[] } {
  if (!nodes.some((n) => n.messageConnector === 'Running')) return { connected: [], icsa: [] };
  const readable = localImpClusters.filter((c) => isDirectoryReadable(c, impNodes));
  const groups = new Set(readable.flatMap((c) => (c.icsaGroup === null ? [] : [c.icsaGroup])));
  const icsa = new Set(readable.map((c) => c.id));
  for (const c of allImpClusters)
    if (c.icsaGroup !== null && groups.has(c.icsaGroup)) icsa.add(c.id);
  return { connected: readable.map((c) => c.id), icsa: [...icsa] };
}

export interface MessageServiceStatusFacts {
  /** The Expressway cluster's nodes. */
  nodes: readonly ConnectorNode[];
  /** IM&P clusters configured on it, and their nodes (only discovered ones are shown). */
  localImpClusters: readonly ImpCluster[];
  impNodes: readonly ImpNode[];
  /** Directory totals of `directorySources(…)`. */
  usersFromConnectedImpClusters: number;
  usersFromAllImpClustersIcsa: number;
  /** Users assigned to each node (at least this cluster's nodes). */
  usersByNode: ReadonlyMap<string, number>;
  /** Users assigned to this cluster by home IM&P node, with those active within 72 hours. */
  usersByHomeNode: ReadonlyMap<string, { enabled: number; active: number }>;
}

/** `part` as a percentage of `whole`, one decimal; 0 of nothing is 0 %. */
export const percentOf = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10;

/** The Expressway's Message Service Status page, as the guide describes it. */
export function buildMessageServiceStatus(facts: MessageServiceStatusFacts): MessageServiceStatus {
  const connectivity = worstConnectivity(facts.nodes);
  const usersEnabled = facts.nodes.reduce(
    (sum, node) => sum + (facts.usersByNode.get(node.id) ?? 0),
    0,
  );
  let activeUsers = 0;
  for (const { active } of facts.usersByHomeNode.values()) activeUsers += active;
  activeUsers = Math.min(activeUsers, usersEnabled);
  const inactiveUsers = usersEnabled - activeUsers;
  const { usersFromConnectedImpClusters: connected, usersFromAllImpClustersIcsa: icsa } = facts;

  return {
    connectivityToWebex: {
      status: connectivity,
      hints: connectivity === 'Operational' ? [] : [...CONNECTIVITY_HINTS],
    },
    userTotals: {
      usersFromConnectedImpClusters: connected,
      usersFromAllImpClustersIcsa: Math.max(icsa, connected),
      usersEnabled,
      activeUsers,
      activePercent: percentOf(activeUsers, usersEnabled),
      inactiveUsers,
      inactivePercent: percentOf(inactiveUsers, usersEnabled),
      warning: connected === 0 && icsa === 0 ? NO_DIRECTORY_USERS_WARNING : null,
    },
    impNodes: impNodeRows(facts),
  };
}

function impNodeRows(facts: MessageServiceStatusFacts): ImpNodeStatusRow[] {
  const rows: ImpNodeStatusRow[] = [];
  for (const cluster of facts.localImpClusters) {
    const nodes = facts.impNodes
      .filter((n) => n.impClusterId === cluster.id && n.discovered)
      .sort(
        (a, b) => Number(b.isPublisher) - Number(a.isPublisher) || (a.address < b.address ? -1 : 1),
      );
    for (const node of nodes) {
      const counts = facts.usersByHomeNode.get(node.id) ?? { enabled: 0, active: 0 };
      rows.push({
        impNodeId: node.id,
        impClusterName: cluster.name,
        address: node.address,
        nodeVersion: node.version,
        nodeStatus: node.status,
        certificateValidation: cluster.certificateValidation ? 'On' : 'Off',
        messageServiceUsers: counts.enabled,
        activeUsers: counts.active,
        inactiveUsers: counts.enabled - counts.active,
      });
    }
  }
  return rows;
}
