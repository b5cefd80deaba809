import type { AlarmFilter, AlarmRecord, AlarmsPort, Paged, PageRequest } from '@hybrid-hub/engine';
import { SEVERITY_RANK } from '@hybrid-hub/engine';
import type { PgQueryable } from '../pg-queryable.ts';
import { atomically } from './pg-atomically.ts';
import { epochMs, insertRows, selectRows, updateRows } from './pg-rows.ts';

const ALARM_SELECT = /* sql */ `SELECT org_id AS "orgId", id, key, code, severity, title, detail,
  cluster_id AS "clusterId", cluster_name AS "clusterName", nodes, first_seen AS "firstSeen",
  last_seen AS "lastSeen", resolved_at AS "resolvedAt" FROM alarms`;

/** The list's order, which alarms_by_state and alarms_by_cluster hold. */
const ALARM_ORDER = 'ORDER BY severity_rank, first_seen DESC, id';

/** A row to write; `is_open` is generated from `resolved_at`. */
const alarmRow = (a: AlarmRecord) => ({
  org_id: a.orgId,
  id: a.id,
  key: a.key,
  code: a.code,
  severity: a.severity,
  severity_rank: SEVERITY_RANK[a.severity],
  title: a.title,
  detail: a.detail,
  cluster_id: a.clusterId,
  cluster_name: a.clusterName,
  nodes: a.nodes,
  first_seen: epochMs(a.firstSeen),
  last_seen: epochMs(a.lastSeen),
  resolved_at: epochMs(a.resolvedAt),
});

/** Alarms: open and resolved in one table, `is_open` in front of each index. */
export class PgAlarms implements AlarmsPort {
  readonly #sql: PgQueryable;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
  }

  listOpenAlarms(orgId: string): Promise<AlarmRecord[]> {
    return selectRows(this.#sql, `${ALARM_SELECT} WHERE org_id = $1 AND is_open ${ALARM_ORDER}`, [
      orgId,
    ]);
  }

  async listAlarms(
    orgId: string,
    filter: AlarmFilter,
    page: PageRequest,
  ): Promise<Paged<AlarmRecord>> {
    const values: unknown[] = [orgId, filter.state === 'open'];
    let where = 'WHERE org_id = $1 AND is_open = $2';
    if (filter.clusterId !== undefined) {
      values.push(filter.clusterId);
      where += ' AND cluster_id = $3';
    }
    const n = values.length;
    const [items, [count]] = await Promise.all([
      selectRows<AlarmRecord>(
        this.#sql,
        `${ALARM_SELECT} ${where} ${ALARM_ORDER} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...values, page.pageSize, (page.page - 1) * page.pageSize],
      ),
      selectRows<{ n: number }>(this.#sql, `SELECT count(*) AS n FROM alarms ${where}`, values),
    ]);
    return { items, total: count!.n };
  }

  async countOpenAlarmsByCluster(orgId: string): Promise<Map<string, number>> {
    const rows = await selectRows<{ clusterId: string; count: number }>(
      this.#sql,
      `SELECT cluster_id AS "clusterId", count(*) AS count FROM alarms
       WHERE org_id = $1 AND is_open GROUP BY cluster_id`,
      [orgId],
    );
    return new Map(rows.map((row) => [row.clusterId, row.count]));
  }

  async insertAlarms(alarms: readonly AlarmRecord[]): Promise<void> {
    await insertRows(this.#sql, 'alarms', alarms.map(alarmRow));
  }

  async updateAlarms(alarms: readonly AlarmRecord[]): Promise<void> {
    // The unique open-key index is checked row by row, not at the statement's end: alarms that
    // resolve are written before those that open, so a condition resolved and raised again in
    // one call never meets itself.
    await atomically(this.#sql, async (sql) => {
      const resolving = alarms.filter((a) => a.resolvedAt !== null);
      const open = alarms.filter((a) => a.resolvedAt === null);
      await updateRows(sql, 'alarms', resolving.map(alarmRow));
      await updateRows(sql, 'alarms', open.map(alarmRow));
    });
  }
}
