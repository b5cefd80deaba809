import type {
  AlarmFilter,
  AlarmRecord,
  AlarmsPort,
  Paged,
  PageRequest,
  SyncPort,
} from '@hybrid-hub/engine';
import { SEVERITY_RANK } from '@hybrid-hub/engine';
import type { SqlStatements } from './sql-statements.ts';

const ALARM_SELECT = /* sql */ `SELECT org_id AS orgId, id, key, code, severity, title, detail,
  cluster_id AS clusterId, cluster_name AS clusterName, nodes, first_seen AS firstSeen,
  last_seen AS lastSeen, resolved_at AS resolvedAt FROM alarms`;

/** The list's order, which alarms_by_state and alarms_by_cluster hold. */
const ALARM_ORDER = 'ORDER BY severity_rank, first_seen DESC, id';

type AlarmRow = Omit<AlarmRecord, 'nodes'> & { nodes: string };

const toAlarm = (row: AlarmRow): AlarmRecord => ({
  ...row,
  nodes: JSON.parse(row.nodes) as AlarmRecord['nodes'],
});

const alarmParams = (a: AlarmRecord) => ({
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
  nodes: JSON.stringify(a.nodes),
  first_seen: a.firstSeen,
  last_seen: a.lastSeen,
  resolved_at: a.resolvedAt,
  is_open: a.resolvedAt === null ? 1 : 0,
});

/** Alarms (migration 6): open and resolved in one table, `is_open` in front of each index. */
export class SqliteAlarms implements SyncPort<AlarmsPort> {
  readonly #sql: SqlStatements;

  constructor(statements: SqlStatements) {
    this.#sql = statements;
  }

  listOpenAlarms(orgId: string): AlarmRecord[] {
    return this.#sql
      .all<AlarmRow>(`${ALARM_SELECT} WHERE org_id = ? AND is_open = 1 ${ALARM_ORDER}`, orgId)
      .map(toAlarm);
  }

  listAlarms(orgId: string, filter: AlarmFilter, page: PageRequest): Paged<AlarmRecord> {
    const where =
      filter.clusterId === undefined
        ? 'WHERE org_id = @org_id AND is_open = @is_open'
        : 'WHERE org_id = @org_id AND cluster_id = @cluster_id AND is_open = @is_open';
    const params = {
      org_id: orgId,
      cluster_id: filter.clusterId,
      is_open: filter.state === 'open' ? 1 : 0,
    };
    if (filter.clusterId === undefined) delete params.cluster_id;
    const items = this.#sql
      .all<AlarmRow>(`${ALARM_SELECT} ${where} ${ALARM_ORDER} LIMIT @limit OFFSET @offset`, {
        ...params,
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      })
      .map(toAlarm);
    const total = this.#sql
      .sql(`SELECT count(*) FROM alarms ${where}`)
      .pluck()
      .get(params) as number;
    return { items, total };
  }

  countOpenAlarmsByCluster(orgId: string): Map<string, number> {
    const rows = this.#sql.all<{ clusterId: string; count: number }>(
      `SELECT cluster_id AS clusterId, count(*) AS count FROM alarms
       WHERE org_id = ? AND is_open = 1 GROUP BY cluster_id`,
      orgId,
    );
    return new Map(rows.map((row) => [row.clusterId, row.count]));
  }

  insertAlarms(alarms: readonly AlarmRecord[]): void {
    this.#sql.atomically(() => this.#sql.insertAll('alarms', alarms.map(alarmParams)));
  }

  updateAlarms(alarms: readonly AlarmRecord[]): void {
    if (alarms.length === 0) return;
    const columns = Object.keys(alarmParams(alarms[0]!)).filter(
      (c) => c !== 'org_id' && c !== 'id',
    );
    const update = this.#sql.sql(
      `UPDATE alarms SET ${columns.map((c) => `${c} = @${c}`).join(', ')}
       WHERE org_id = @org_id AND id = @id`,
    );
    this.#sql.atomically(() => {
      for (const alarm of alarms) update.run(alarmParams(alarm));
    });
  }
}
