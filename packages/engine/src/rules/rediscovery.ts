import type { ConnectorRestartResult } from '@hybrid-hub/contract';
import type { ImpCluster, ImpNode } from '../model/deployment.ts';
import { isCertificateAccepted } from './activation.ts';

type Found = Omit<ConnectorRestartResult, 'clusterId' | 'restartedAt'>;

export interface Rediscovery {
  result: Found;
  /** Nodes the connector forgets: removed on premises. */
  deleted: ImpNode[];
  /** Nodes whose discovered flag or synchronized version changed, as they become. */
  changed: ImpNode[];
  impClusterIds: string[];
}

/**
 * What a Message Connector restart finds, for the IM&P clusters configured on its Expressway
 * cluster (the guide: the connector discovers a cluster's nodes through AXL calls to its
 * publisher, and cannot discover a node whose AXL service is not running):
 * - nothing at all when the publisher cannot be queried (publisher down, certificate not trusted,
 *   AXL account without the AXL role, AXL service down on the publisher): every node ends up
 *   undiscovered, with that reason;
 * - otherwise each node present on premises, up, with its AXL service running is discovered (and
 *   its version synchronized); a node that is down (in Outage) is not, whatever its AXL service
 *   was set to — "the nodes may not be back up before the Message Connector starts" — nor one
 *   whose AXL service is stopped;
 * - nodes removed on premises are forgotten.
 */
export function rediscover(
  impClusters: readonly ImpCluster[],
  impNodes: readonly ImpNode[],
): Rediscovery {
  const found: Rediscovery = {
    result: { discovered: [], removed: [], notDiscovered: [], versionsUpdated: [] },
    deleted: [],
    changed: [],
    impClusterIds: impClusters.map((c) => c.id),
  };
  for (const cluster of impClusters) {
    const nodes = impNodes.filter((n) => n.impClusterId === cluster.id);
    const publisherProblem = publisherUnreadable(cluster, nodes);
    for (const node of nodes) {
      const ref = { id: node.id, address: node.address };
      if (node.removed) {
        found.deleted.push(node);
        found.result.removed.push(ref);
        continue;
      }
      const reason =
        publisherProblem ??
        (node.status === 'Outage'
          ? `${node.address} is not responding: it cannot be discovered until it is back up.`
          : node.axlServiceRunning
            ? null
            : `The Cisco AXL Web Service is not running on ${node.address}.`);
      if (reason !== null) {
        found.result.notDiscovered.push({ ...ref, reason });
        if (node.discovered) found.changed.push({ ...node, discovered: false });
        continue;
      }
      if (!node.discovered) found.result.discovered.push(ref);
      if (node.version !== node.runningVersion)
        found.result.versionsUpdated.push({ ...ref, from: node.version, to: node.runningVersion });
      if (!node.discovered || node.version !== node.runningVersion)
        found.changed.push({ ...node, discovered: true, version: node.runningVersion });
    }
  }
  return found;
}

/** Why the publisher cannot be queried over AXL (nothing can be discovered then), or null. */
function publisherUnreadable(cluster: ImpCluster, nodes: readonly ImpNode[]): string | null {
  const publisher = nodes.find((n) => n.isPublisher && !n.removed);
  const address = publisher?.address ?? cluster.publisherAddress;
  const nothing = `nothing could be discovered from the publisher ${address}`;
  if (publisher?.status === 'Outage') return `The publisher is not responding: ${nothing}.`;
  if (!isCertificateAccepted(cluster))
    return `The Expressway cannot validate the certificate of ${cluster.name}: ${nothing}.`;
  if (!cluster.axlAccountHasRole)
    return `The AXL account ${cluster.axlUsername} lacks the AXL role: ${nothing}.`;
  if (!publisher?.axlServiceRunning)
    return `The Cisco AXL Web Service is not running on the publisher: ${nothing}.`;
  return null;
}
