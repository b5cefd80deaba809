import type { NodeSize } from '@hybrid-hub/contract';
import type {
  ConnectorNode,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  PresenceRedundancyGroup,
} from '../model/deployment.ts';

/** Mutable deployment rows being built for one organization. */
export interface DeploymentDraft {
  expresswayClusters: ExpresswayCluster[];
  nodes: ConnectorNode[];
  impClusters: ImpCluster[];
  impNodes: ImpNode[];
  presenceRedundancyGroups: PresenceRedundancyGroup[];
}

export function emptyDeployment(): DeploymentDraft {
  return {
    expresswayClusters: [],
    nodes: [],
    impClusters: [],
    impNodes: [],
    presenceRedundancyGroups: [],
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An Expressway cluster of `nodeCount` healthy nodes; `tweak` changes single nodes (0-based). */
export function addExpresswayCluster(
  draft: DeploymentDraft,
  spec: {
    orgId: string;
    key: string;
    name: string;
    size: NodeSize;
    nodeCount: number;
    domain: string;
    tweak?: (index: number) => Partial<ConnectorNode>;
  },
): ExpresswayCluster {
  const cluster: ExpresswayCluster = {
    id: `${spec.orgId}-exp-${spec.key}`,
    orgId: spec.orgId,
    name: spec.name,
    nodeSize: spec.size,
  };
  draft.expresswayClusters.push(cluster);
  for (let i = 0; i < spec.nodeCount; i++) {
    draft.nodes.push({
      id: `${cluster.id}-n${i + 1}`,
      orgId: spec.orgId,
      clusterId: cluster.id,
      hostname: `expe-${spec.key}-${pad2(i + 1)}.${spec.domain}`,
      version: 'X15.2.1',
      connectivity: 'Operational',
      managementConnector: 'Running',
      messageConnector: 'Running',
      maintenance: 'Off',
      maintenanceMove: null,
      revision: 1,
      ...spec.tweak?.(i),
    });
  }
  return cluster;
}

export interface ImpClusterSpec {
  orgId: string;
  key: string;
  name: string;
  expresswayClusterId: string | null;
  domain: string;
  /** Node count including the publisher (1–6); nodes pair into groups in order (pub+sub1, sub2+sub3, …). */
  nodeCount: number;
  /** High availability per presence redundancy group; default On. */
  highAvailability?: readonly boolean[];
  /** Indexes of nodes in Outage. */
  outages?: readonly number[];
  icsaGroup?: string | null;
  axlAccountHasRole?: boolean;
  publisherAxlServiceRunning?: boolean;
  certificateValidation?: boolean;
  certificateTrusted?: boolean;
  version?: string;
}

/** An IM&P cluster with its publisher and subscribers paired into presence redundancy groups. */
export function addImpCluster(
  draft: DeploymentDraft,
  spec: ImpClusterSpec,
): { cluster: ImpCluster; nodes: ImpNode[] } {
  const id = `${spec.orgId}-imp-${spec.key}`;
  const axlOk = (spec.axlAccountHasRole ?? true) && (spec.publisherAxlServiceRunning ?? true);
  const address = (i: number) =>
    `${i === 0 ? 'cup' : 'cups'}-${spec.key}-${pad2(i + 1)}.${spec.domain}`;
  const cluster: ImpCluster = {
    id,
    orgId: spec.orgId,
    name: spec.name,
    expresswayClusterId: spec.expresswayClusterId,
    publisherAddress: address(0),
    axlUsername: 'hybrid-msg-axl',
    axlPassword: `demo-axl-secret-${spec.key}`,
    axlAccountHasRole: spec.axlAccountHasRole ?? true,
    certificateValidation: spec.certificateValidation ?? true,
    certificateTrusted: spec.certificateTrusted ?? true,
    icsaGroup: spec.icsaGroup ?? null,
  };
  draft.impClusters.push(cluster);
  const nodes: ImpNode[] = [];
  const groupCount = Math.floor(spec.nodeCount / 2);
  for (let g = 0; g < groupCount; g++) {
    draft.presenceRedundancyGroups.push({
      id: `${id}-prg${g + 1}`,
      orgId: spec.orgId,
      impClusterId: id,
      name: `${spec.name} presence redundancy group ${g + 1}`,
      highAvailability: spec.highAvailability?.[g] ?? true,
      connectorRestartRequired: false,
    });
  }
  for (let i = 0; i < spec.nodeCount; i++) {
    const group = Math.floor(i / 2);
    const node: ImpNode = {
      id: i === 0 ? `${id}-pub` : `${id}-sub${i}`,
      orgId: spec.orgId,
      impClusterId: id,
      address: address(i),
      version: spec.version ?? '15.0.1.12900-2',
      status: spec.outages?.includes(i) ? 'Outage' : 'Operational',
      isPublisher: i === 0,
      axlServiceRunning: i === 0 ? (spec.publisherAxlServiceRunning ?? true) : true,
      presenceRedundancyGroupId: group < groupCount ? `${id}-prg${group + 1}` : null,
      // Subscribers are discovered through AXL on the publisher: not when AXL fails.
      discovered: i === 0 || axlOk,
      runningVersion: spec.version ?? '15.0.1.12900-2',
      removed: false,
      sessionMove: null,
    };
    nodes.push(node);
    draft.impNodes.push(node);
  }
  return { cluster, nodes };
}
