import { NODE_CAPACITY, type NodeSize } from '@hybrid-hub/contract';
import type { ConnectorNode } from '../model/deployment.ts';

/** Message Service users one node of this size can hold (SPEC "Capacity"). */
export function nodeCapacity(size: NodeSize): number {
  return NODE_CAPACITY[size];
}

/**
 * Users a cluster can hold: (N − 1) × the node capacity, because one node's worth stays free so
 * that a node's users can move to the others (maintenance, failure); a single node holds its own.
 */
export function clusterCapacity(size: NodeSize, nodeCount: number): number {
  if (nodeCount <= 0) return 0;
  return Math.max(1, nodeCount - 1) * NODE_CAPACITY[size];
}

type EligibilityFields = Pick<
  ConnectorNode,
  'messageConnector' | 'managementConnector' | 'connectivity' | 'maintenance'
>;

/**
 * A node can take (and serve) users when both connectors run, it has not lost its connection to
 * the cloud (Degraded still serves), and it is not in, or entering, maintenance mode.
 */
export function isNodeEligible(node: EligibilityFields): boolean {
  return (
    node.messageConnector === 'Running' &&
    node.managementConnector === 'Running' &&
    node.connectivity !== 'Outage' &&
    node.maintenance === 'Off'
  );
}
