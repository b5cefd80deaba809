import type {
  ConnectorNode,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  Organization,
  PresenceRedundancyGroup,
} from '../model/deployment.ts';

/** Organizations, Expressway and IM&P clusters and nodes, presence redundancy groups. */
export interface DeploymentPort {
  listOrganizations(): Promise<Organization[]>;
  getOrganization(orgId: string): Promise<Organization | undefined>;
  listExpresswayClusters(orgId: string): Promise<ExpresswayCluster[]>;
  getExpresswayCluster(orgId: string, clusterId: string): Promise<ExpresswayCluster | undefined>;
  /** Nodes of one cluster, or of the whole organization, ordered by hostname. */
  listNodes(orgId: string, clusterId?: string): Promise<ConnectorNode[]>;
  /** IM&P clusters of the organization, or those configured on one Expressway cluster. */
  listImpClusters(orgId: string, expresswayClusterId?: string): Promise<ImpCluster[]>;
  listImpNodes(orgId: string, impClusterIds?: readonly string[]): Promise<ImpNode[]>;
  listPresenceRedundancyGroups(
    orgId: string,
    impClusterIds?: readonly string[],
  ): Promise<PresenceRedundancyGroup[]>;
  insertOrganization(org: Organization): Promise<void>;
  insertDeployment(deployment: DeploymentRows): Promise<void>;
  updateNode(node: ConnectorNode, expectedRevision: number): Promise<boolean>;
}

export const DEPLOYMENT_METHODS = {
  listOrganizations: true,
  getOrganization: true,
  listExpresswayClusters: true,
  getExpresswayCluster: true,
  listNodes: true,
  listImpClusters: true,
  listImpNodes: true,
  listPresenceRedundancyGroups: true,
  insertOrganization: true,
  insertDeployment: true,
  updateNode: true,
} as const satisfies Record<keyof DeploymentPort, true>;

export interface DeploymentRows {
  expresswayClusters: readonly ExpresswayCluster[];
  nodes: readonly ConnectorNode[];
  impClusters: readonly ImpCluster[];
  impNodes: readonly ImpNode[];
  presenceRedundancyGroups: readonly PresenceRedundancyGroup[];
}
