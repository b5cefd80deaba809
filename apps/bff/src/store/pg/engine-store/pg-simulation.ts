import type {
  CloudUser,
  ImpNode,
  PresenceRedundancyGroup,
  SessionFilter,
  SimulationPort,
} from '@hybrid-hub/engine';
import type { PgQueryable } from '../pg-queryable.ts';
import { groupRow, impNodeRow } from './pg-deployment-rows.ts';
import { epochMs, insertRows, selectRows, updateRows } from './pg-rows.ts';
import { toCloudUser, USER_SELECT_LIST, type PgUserRow } from './pg-user-rows.ts';

/**
 * The sessions on an IM&P node: users of the Expressway cluster homed on that node with a
 * connector node; a fallback's directory condition is one lookup per session in
 * directory_entries_by_mailid. $1 org, $2 cluster, $3 IM&P node, $4 directory home or NULL.
 */
const SESSIONS_WHERE = /* sql */ `u.org_id = $1 AND u.cluster_id = $2
  AND u.home_imp_node_id = $3 AND u.node_id IS NOT NULL
  AND ($4::text IS NULL OR EXISTS (
    SELECT 1 FROM directory_entries d
    WHERE d.org_id = u.org_id AND d.mailid_key = u.email_key AND d.home_imp_node_id = $4))`;

const sessionValues = (orgId: string, filter: SessionFilter) => [
  orgId,
  filter.clusterId,
  filter.impNodeId,
  filter.directoryHomeImpNodeId ?? null,
];

/** Sessions, IM&P node and group writes, and the simulation clocks. */
export class PgSimulation implements SimulationPort {
  readonly #sql: PgQueryable;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
  }

  async listSessions(orgId: string, filter: SessionFilter, limit: number): Promise<CloudUser[]> {
    const rows = await selectRows<PgUserRow>(
      this.#sql,
      `SELECT ${USER_SELECT_LIST} FROM users u WHERE ${SESSIONS_WHERE} LIMIT $5`,
      [...sessionValues(orgId, filter), Math.max(0, limit)],
    );
    return rows.map(toCloudUser);
  }

  async countSessions(orgId: string, filter: SessionFilter): Promise<number> {
    const [row] = await selectRows<{ n: number }>(
      this.#sql,
      `SELECT count(*) AS n FROM users u WHERE ${SESSIONS_WHERE}`,
      sessionValues(orgId, filter),
    );
    return row!.n;
  }

  async countDirectoryEntriesByHomeNode(orgId: string): Promise<Map<string, number>> {
    const rows = await selectRows<{ home: string; count: number }>(
      this.#sql,
      `SELECT home_imp_node_id AS home, count(*) AS count FROM directory_entries
       WHERE org_id = $1 GROUP BY home_imp_node_id`,
      [orgId],
    );
    return new Map(rows.map((row) => [row.home, row.count]));
  }

  async updateImpNode(node: ImpNode): Promise<void> {
    await updateRows(this.#sql, 'imp_nodes', [impNodeRow(node)]);
  }

  async insertImpNode(node: ImpNode): Promise<void> {
    await insertRows(this.#sql, 'imp_nodes', [impNodeRow(node)]);
  }

  async deleteImpNode(orgId: string, impNodeId: string): Promise<void> {
    await this.#sql.query('DELETE FROM imp_nodes WHERE org_id = $1 AND id = $2', [
      orgId,
      impNodeId,
    ]);
  }

  async updatePresenceRedundancyGroup(group: PresenceRedundancyGroup): Promise<void> {
    await updateRows(this.#sql, 'presence_redundancy_groups', [groupRow(group)]);
  }

  async getClockOffsets(): Promise<Map<string, number>> {
    const rows = await selectRows<{ org_id: string; offset_ms: number }>(
      this.#sql,
      'SELECT org_id, offset_ms FROM simulation_clocks',
    );
    return new Map(rows.map((row) => [row.org_id, row.offset_ms]));
  }

  async advanceClockOffset(orgId: string, byMs: number): Promise<number> {
    // Read and added in one statement: a step another replica has just stored is never lost.
    const [row] = await selectRows<{ offset_ms: number }>(
      this.#sql,
      `INSERT INTO simulation_clocks (org_id, offset_ms) VALUES ($1, $2)
       ON CONFLICT (org_id) DO UPDATE SET offset_ms = simulation_clocks.offset_ms + excluded.offset_ms
       RETURNING offset_ms`,
      [orgId, epochMs(byMs)],
    );
    return row!.offset_ms;
  }
}
