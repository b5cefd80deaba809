import type {
  ConnectorNode,
  DeploymentPort,
  DeploymentRows,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  Organization,
  PresenceRedundancyGroup,
} from '@hybrid-hub/engine';
import type { PgQueryable } from '../pg-queryable.ts';
import { atomically } from './pg-atomically.ts';
import {
  CLUSTER_SELECT,
  clusterRow,
  GROUP_SELECT,
  groupRow,
  IMP_CLUSTER_SELECT,
  IMP_NODE_SELECT,
  impClusterRow,
  impNodeRow,
  NODE_SELECT,
  nodeRow,
  toImpNode,
  toNode,
  type ImpNodeRow,
  type NodeRow,
} from './pg-deployment-rows.ts';
import { insertRows, selectRows } from './pg-rows.ts';

/** Organizations, Expressway and IM&P clusters and nodes, presence redundancy groups. */
export class PgDeployment implements DeploymentPort {
  readonly #sql: PgQueryable;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
  }

  async listOrganizations(): Promise<Organization[]> {
    return selectRows<Organization>(this.#sql, 'SELECT id, name FROM organizations ORDER BY id');
  }

  async getOrganization(orgId: string): Promise<Organization | undefined> {
    const [org] = await selectRows<Organization>(
      this.#sql,
      'SELECT id, name FROM organizations WHERE id = $1',
      [orgId],
    );
    return org;
  }

  listExpresswayClusters(orgId: string): Promise<ExpresswayCluster[]> {
    return selectRows(this.#sql, `${CLUSTER_SELECT} WHERE org_id = $1 ORDER BY name, id`, [orgId]);
  }

  async getExpresswayCluster(
    orgId: string,
    clusterId: string,
  ): Promise<ExpresswayCluster | undefined> {
    const [cluster] = await selectRows<ExpresswayCluster>(
      this.#sql,
      `${CLUSTER_SELECT} WHERE org_id = $1 AND id = $2`,
      [orgId, clusterId],
    );
    return cluster;
  }

  async listNodes(orgId: string, clusterId?: string): Promise<ConnectorNode[]> {
    const rows =
      clusterId === undefined
        ? await selectRows<NodeRow>(
            this.#sql,
            `${NODE_SELECT} WHERE org_id = $1 ORDER BY hostname, id`,
            [orgId],
          )
        : await selectRows<NodeRow>(
            this.#sql,
            `${NODE_SELECT} WHERE org_id = $1 AND cluster_id = $2 ORDER BY hostname, id`,
            [orgId, clusterId],
          );
    return rows.map(toNode);
  }

  listImpClusters(orgId: string, expresswayClusterId?: string): Promise<ImpCluster[]> {
    return expresswayClusterId === undefined
      ? selectRows(this.#sql, `${IMP_CLUSTER_SELECT} WHERE org_id = $1 ORDER BY name, id`, [orgId])
      : selectRows(
          this.#sql,
          `${IMP_CLUSTER_SELECT} WHERE org_id = $1 AND expressway_cluster_id = $2
           ORDER BY name, id`,
          [orgId, expresswayClusterId],
        );
  }

  async listImpNodes(orgId: string, impClusterIds?: readonly string[]): Promise<ImpNode[]> {
    const rows = await this.#inImpClusters<ImpNodeRow>(
      IMP_NODE_SELECT,
      'address, id',
      orgId,
      impClusterIds,
    );
    return rows.map(toImpNode);
  }

  listPresenceRedundancyGroups(
    orgId: string,
    impClusterIds?: readonly string[],
  ): Promise<PresenceRedundancyGroup[]> {
    return this.#inImpClusters(GROUP_SELECT, 'name, id', orgId, impClusterIds);
  }

  /** Rows of the organization, or of these IM&P clusters only, in `orderBy` order. */
  #inImpClusters<T>(
    select: string,
    orderBy: string,
    orgId: string,
    impClusterIds: readonly string[] | undefined,
  ): Promise<T[]> {
    return impClusterIds === undefined
      ? selectRows<T>(this.#sql, `${select} WHERE org_id = $1 ORDER BY ${orderBy}`, [orgId])
      : selectRows<T>(
          this.#sql,
          `${select} WHERE org_id = $1 AND imp_cluster_id = ANY ($2::text[]) ORDER BY ${orderBy}`,
          [orgId, impClusterIds],
        );
  }

  async insertOrganization(org: Organization): Promise<void> {
    await this.#sql.query('INSERT INTO organizations (id, name) VALUES ($1, $2)', [
      org.id,
      org.name,
    ]);
  }

  insertDeployment(deployment: DeploymentRows): Promise<void> {
    return atomically(this.#sql, async (sql) => {
      await insertRows(sql, 'expressway_clusters', deployment.expresswayClusters.map(clusterRow));
      await insertRows(sql, 'connector_nodes', deployment.nodes.map(nodeRow));
      await insertRows(sql, 'imp_clusters', deployment.impClusters.map(impClusterRow));
      await insertRows(
        sql,
        'presence_redundancy_groups',
        deployment.presenceRedundancyGroups.map(groupRow),
      );
      await insertRows(sql, 'imp_nodes', deployment.impNodes.map(impNodeRow));
    });
  }

  async updateNode(node: ConnectorNode, expectedRevision: number): Promise<boolean> {
    const row = nodeRow(node);
    const columns = Object.keys(row).filter((c) => c !== 'org_id' && c !== 'id');
    const values = columns.map((c) => row[c as keyof typeof row]);
    const result = await this.#sql.query(
      `UPDATE connector_nodes SET ${columns.map((c, i) => `${c} = $${i + 1}`).join(', ')}
       WHERE org_id = $${columns.length + 1} AND id = $${columns.length + 2}
         AND revision = $${columns.length + 3}`,
      [...values, node.orgId, node.id, expectedRevision],
    );
    return result.rowCount === 1;
  }
}
