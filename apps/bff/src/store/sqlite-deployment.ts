import type {
  ConnectorNode,
  DeploymentRows,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  Organization,
  PresenceRedundancyGroup,
  SyncStore,
} from '@hybrid-hub/engine';
import {
  CLUSTER_SELECT,
  clusterParams,
  GROUP_SELECT,
  groupParams,
  IMP_CLUSTER_SELECT,
  IMP_NODE_SELECT,
  impClusterParams,
  impNodeParams,
  NODE_SELECT,
  nodeParams,
  toNode,
  type NodeRow,
  toGroup,
  toImpCluster,
  toImpNode,
} from './deployment-rows.ts';
import { jsonList, type SqlStatements } from './sql-statements.ts';

export type DeploymentMethods =
  | 'listOrganizations'
  | 'getOrganization'
  | 'listExpresswayClusters'
  | 'getExpresswayCluster'
  | 'listNodes'
  | 'listImpClusters'
  | 'listImpNodes'
  | 'listPresenceRedundancyGroups'
  | 'insertOrganization'
  | 'insertDeployment'
  | 'updateNode';

/** Organizations, Expressway and IM&P clusters and nodes, presence redundancy groups. */
export class SqliteDeployment implements Pick<SyncStore, DeploymentMethods> {
  readonly #sql: SqlStatements;

  constructor(statements: SqlStatements) {
    this.#sql = statements;
  }

  listOrganizations(): Organization[] {
    return this.#sql.all('SELECT id, name FROM organizations ORDER BY id');
  }

  getOrganization(orgId: string): Organization | undefined {
    return this.#sql.get('SELECT id, name FROM organizations WHERE id = ?', orgId);
  }

  listExpresswayClusters(orgId: string): ExpresswayCluster[] {
    return this.#sql.all(`${CLUSTER_SELECT} WHERE org_id = ? ORDER BY name, id`, orgId);
  }

  getExpresswayCluster(orgId: string, clusterId: string): ExpresswayCluster | undefined {
    return this.#sql.get(`${CLUSTER_SELECT} WHERE org_id = ? AND id = ?`, orgId, clusterId);
  }

  listNodes(orgId: string, clusterId?: string): ConnectorNode[] {
    const rows =
      clusterId === undefined
        ? this.#sql.all<NodeRow>(`${NODE_SELECT} WHERE org_id = ? ORDER BY hostname, id`, orgId)
        : this.#sql.all<NodeRow>(
            `${NODE_SELECT} WHERE org_id = ? AND cluster_id = ? ORDER BY hostname, id`,
            orgId,
            clusterId,
          );
    return rows.map(toNode);
  }

  listImpClusters(orgId: string, expresswayClusterId?: string): ImpCluster[] {
    const rows =
      expresswayClusterId === undefined
        ? this.#sql.all<Parameters<typeof toImpCluster>[0]>(
            `${IMP_CLUSTER_SELECT} WHERE org_id = ? ORDER BY name, id`,
            orgId,
          )
        : this.#sql.all<Parameters<typeof toImpCluster>[0]>(
            `${IMP_CLUSTER_SELECT} WHERE org_id = ? AND expressway_cluster_id = ? ORDER BY name, id`,
            orgId,
            expresswayClusterId,
          );
    return rows.map(toImpCluster);
  }

  listImpNodes(orgId: string, impClusterIds?: readonly string[]): ImpNode[] {
    return this.#inImpClusters<Parameters<typeof toImpNode>[0]>(
      IMP_NODE_SELECT,
      'address, id',
      orgId,
      impClusterIds,
    ).map(toImpNode);
  }

  listPresenceRedundancyGroups(
    orgId: string,
    impClusterIds?: readonly string[],
  ): PresenceRedundancyGroup[] {
    return this.#inImpClusters<Parameters<typeof toGroup>[0]>(
      GROUP_SELECT,
      'name, id',
      orgId,
      impClusterIds,
    ).map(toGroup);
  }

  /** Rows of the organization, or of these IM&P clusters only, in `orderBy` order. */
  #inImpClusters<T>(
    select: string,
    orderBy: string,
    orgId: string,
    impClusterIds: readonly string[] | undefined,
  ): T[] {
    return impClusterIds === undefined
      ? this.#sql.all<T>(`${select} WHERE org_id = ? ORDER BY ${orderBy}`, orgId)
      : this.#sql.all<T>(
          `${select} WHERE org_id = ? AND imp_cluster_id IN (SELECT value FROM json_each(?)) ORDER BY ${orderBy}`,
          orgId,
          jsonList(impClusterIds),
        );
  }

  insertOrganization(org: Organization): void {
    this.#sql.sql('INSERT INTO organizations (id, name) VALUES (?, ?)').run(org.id, org.name);
  }

  insertDeployment(deployment: DeploymentRows): void {
    this.#sql.atomically(() => {
      this.#sql.insertAll('expressway_clusters', deployment.expresswayClusters.map(clusterParams));
      this.#sql.insertAll('connector_nodes', deployment.nodes.map(nodeParams));
      this.#sql.insertAll('imp_clusters', deployment.impClusters.map(impClusterParams));
      this.#sql.insertAll(
        'presence_redundancy_groups',
        deployment.presenceRedundancyGroups.map(groupParams),
      );
      this.#sql.insertAll('imp_nodes', deployment.impNodes.map(impNodeParams));
    });
  }

  updateNode(node: ConnectorNode, expectedRevision: number): boolean {
    const params = nodeParams(node);
    const assignments = Object.keys(params)
      .filter((c) => c !== 'org_id' && c !== 'id')
      .map((c) => `${c} = @${c}`);
    const result = this.#sql
      .sql(
        `UPDATE connector_nodes SET ${assignments.join(', ')}
       WHERE org_id = @org_id AND id = @id AND revision = @expected_revision`,
      )
      .run({ ...params, expected_revision: expectedRevision });
    return result.changes === 1;
  }
}
