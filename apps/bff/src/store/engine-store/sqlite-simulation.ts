import type {
  CloudUser,
  ImpNode,
  PresenceRedundancyGroup,
  SessionFilter,
  SimulationPort,
  SyncPort,
} from '@hybrid-hub/engine';
import { groupParams, impNodeParams, insertSql } from './deployment-rows.ts';
import type { SqlStatements } from './sql-statements.ts';
import { selectRows } from './deployment-selects.ts';
import { toCloudUserFromRaw, USER_RAW_SELECT } from './user-rows.ts';

/**
 * The sessions on an IM&P node: a range of users_by_cluster_home_node (org, Expressway cluster,
 * home node), which also holds the sessions' connector node; a fallback's directory condition is
 * one lookup per session in directory_entries_by_mailid.
 */
const SESSIONS_WHERE = /* sql */ `u.org_id = @org_id AND u.cluster_id = @cluster_id
  AND u.home_imp_node_id = @imp_node_id AND u.node_id IS NOT NULL
  AND (@directory_home IS NULL OR EXISTS (
    SELECT 1 FROM directory_entries d
    WHERE d.org_id = u.org_id AND d.mailid_key = u.email_key AND d.home_imp_node_id = @directory_home))`;

const sessionParams = (orgId: string, filter: SessionFilter) => ({
  org_id: orgId,
  cluster_id: filter.clusterId,
  imp_node_id: filter.impNodeId,
  directory_home: filter.directoryHomeImpNodeId ?? null,
});

/** Sessions, IM&P node and group writes, and the simulation clocks (migrations 6 and 13). */
export class SqliteSimulation implements SyncPort<SimulationPort> {
  readonly #sql: SqlStatements;

  constructor(statements: SqlStatements) {
    this.#sql = statements;
  }

  listSessions(orgId: string, filter: SessionFilter, limit: number): CloudUser[] {
    return selectRows<unknown[]>(
      this.#sql,
      `${USER_RAW_SELECT} FROM users u WHERE ${SESSIONS_WHERE} LIMIT @limit`,
      { ...sessionParams(orgId, filter), limit: Math.max(0, limit) },
    ).map(toCloudUserFromRaw);
  }

  countSessions(orgId: string, filter: SessionFilter): number {
    return this.#sql
      .sql(`SELECT count(*) FROM users u WHERE ${SESSIONS_WHERE}`)
      .pluck()
      .get(sessionParams(orgId, filter)) as number;
  }

  countDirectoryEntriesByHomeNode(orgId: string): Map<string, number> {
    const rows = this.#sql.all<{ home: string; count: number }>(
      `SELECT home_imp_node_id AS home, count(*) AS count FROM directory_entries
       WHERE org_id = ? GROUP BY home_imp_node_id`,
      orgId,
    );
    return new Map(rows.map((row) => [row.home, row.count]));
  }

  updateImpNode(node: ImpNode): void {
    this.#update('imp_nodes', impNodeParams(node));
  }

  insertImpNode(node: ImpNode): void {
    const params = impNodeParams(node);
    this.#sql.sql(insertSql('imp_nodes', Object.keys(params))).run(params);
  }

  deleteImpNode(orgId: string, impNodeId: string): void {
    this.#sql.sql('DELETE FROM imp_nodes WHERE org_id = ? AND id = ?').run(orgId, impNodeId);
  }

  updatePresenceRedundancyGroup(group: PresenceRedundancyGroup): void {
    this.#update('presence_redundancy_groups', groupParams(group));
  }

  getClockOffsets(): Map<string, number> {
    const rows = this.#sql.all<{ org_id: string; offset_ms: number }>(
      'SELECT org_id, offset_ms FROM simulation_clocks',
    );
    return new Map(rows.map((row) => [row.org_id, row.offset_ms]));
  }

  advanceClockOffset(orgId: string, byMs: number): number {
    // Read and added in one statement: a step another writer has just stored is never lost.
    return this.#sql
      .sql(
        `INSERT INTO simulation_clocks (org_id, offset_ms) VALUES (?, ?)
         ON CONFLICT (org_id) DO UPDATE SET offset_ms = offset_ms + excluded.offset_ms
         RETURNING offset_ms`,
      )
      .pluck()
      .get(orgId, byMs) as number;
  }

  /** Every column but the key, by (org_id, id). */
  #update(table: string, params: Record<string, unknown>): void {
    const assignments = Object.keys(params)
      .filter((c) => c !== 'org_id' && c !== 'id')
      .map((c) => `${c} = @${c}`);
    this.#sql
      .sql(`UPDATE ${table} SET ${assignments.join(', ')} WHERE org_id = @org_id AND id = @id`)
      .run(params);
  }
}
