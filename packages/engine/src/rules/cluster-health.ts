import type { ClusterHealth } from '@hybrid-hub/contract';
import type { Connectivity } from '@hybrid-hub/contract';
import type { ConnectorNode } from '../model/deployment.ts';
import { isNodeEligible } from './capacity.ts';

const CONNECTIVITY_RANK: Record<Connectivity, number> = { Operational: 0, Degraded: 1, Outage: 2 };

/**
 * Outage when no node can serve; Operational when every node serves with full connectivity;
 * Degraded in between (a node down, in maintenance, or with degraded connectivity).
 */
export function clusterHealth(nodes: readonly ConnectorNode[]): ClusterHealth {
  const serving = nodes.filter(isNodeEligible).length;
  if (serving === 0) return 'Outage';
  if (serving === nodes.length && nodes.every((n) => n.connectivity === 'Operational'))
    return 'Operational';
  return 'Degraded';
}

/** The cluster's connectivity to Webex: the worst of its nodes'. */
export function worstConnectivity(
  nodes: readonly Pick<ConnectorNode, 'connectivity'>[],
): Connectivity {
  return nodes.reduce<Connectivity>(
    (worst, node) =>
      CONNECTIVITY_RANK[node.connectivity] > CONNECTIVITY_RANK[worst] ? node.connectivity : worst,
    'Operational',
  );
}
