import type {
  ConnectorNode,
  DeploymentPort,
  DeploymentRows,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  Organization,
  PresenceRedundancyGroup,
  SyncPort,
} from '@hybrid-hub/engine';
import {
  clusterParams,
  groupParams,
  impClusterParams,
  impNodeParams,
  nodeParams,
} from './deployment-rows.ts';
import {
  CLUSTER_SELECT,
  GROUP_SELECT,
  IMP_CLUSTER_SELECT,
  IMP_NODE_SELECT,
  NODE_SELECT,
  selectRows,
  toCluster,
  toGroup,
  toImpCluster,
  toImpNode,
  toNode,
  type ClusterRow,
  type GroupRow,
  type ImpClusterRow,
  type ImpNodeRow,
  type NodeRow,
} from './deployment-selects.ts';
import { jsonList, type SqlStatements } from './sql-statements.ts';

/** Organizations, Expressway and IM&P clusters and nodes, presence redundancy groups. */
export class SqliteDeployment implements SyncPort<DeploymentPort> {
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
    return this.#rows<ClusterRow>(
      `${CLUSTER_SELECT} WHERE org_id = ? ORDER BY name, id`,
      orgId,
    ).map(toCluster);
  }

  getExpresswayCluster(orgId: string, clusterId: string): ExpresswayCluster | undefined {
    const [row] = this.#rows<ClusterRow>(
      `${CLUSTER_SELECT} WHERE org_id = ? AND id = ?`,
      orgId,
      clusterId,
    );
    return row && toCluster(row);
  }

  listNodes(orgId: string, clusterId?: string): ConnectorNode[] {
    const rows =
      clusterId === undefined
        ? this.#rows<NodeRow>(`${NODE_SELECT} WHERE org_id = ? ORDER BY hostname, id`, orgId)
        : this.#rows<NodeRow>(
            `${NODE_SELECT} WHERE org_id = ? AND cluster_id = ? ORDER BY hostname, id`,
            orgId,
            clusterId,
          );
    return rows.map(toNode);
  }

  listImpClusters(orgId: string, expresswayClusterId?: string): ImpCluster[] {
    const rows =
      expresswayClusterId === undefined
        ? this.#rows<ImpClusterRow>(
            `${IMP_CLUSTER_SELECT} WHERE org_id = ? ORDER BY name, id`,
            orgId,
          )
        : this.#rows<ImpClusterRow>(
            `${IMP_CLUSTER_SELECT} WHERE org_id = ? AND expressway_cluster_id = ? ORDER BY name, id`,
            orgId,
            expresswayClusterId,
          );
    return rows.map(toImpCluster);
  }

  listImpNodes(orgId: string, impClusterIds?: readonly string[]): ImpNode[] {
    return this.#inImpClusters<ImpNodeRow>(
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
    return this.#inImpClusters<GroupRow>(GROUP_SELECT, 'name, id', orgId, impClusterIds).map(
      toGroup,
    );
  }

  /** Rows of the organization, or of these IM&P clusters only, in `orderBy` order. */
  #inImpClusters<T>(
    select: string,
    orderBy: string,
    orgId: string,
    impClusterIds: readonly string[] | undefined,
  ): T[] {
    return impClusterIds === undefined
      ? this.#rows<T>(`${select} WHERE org_id = ? ORDER BY ${orderBy}`, orgId)
      : this.#rows<T>(
          `${select} WHERE org_id = ? AND imp_cluster_id IN (SELECT value FROM json_each(?)) ORDER BY ${orderBy}`,
          orgId,
          jsonList(impClusterIds),
        );
  }

  #rows<T>(text: string, ...params: unknown[]): T[] {
    return selectRows<T>(this.#sql, text, ...params);
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
