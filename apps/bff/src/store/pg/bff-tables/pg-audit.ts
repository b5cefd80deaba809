import type { AuditEntry, AuditExportQuery } from '@hybrid-hub/contract';
import type { AuditStore, NewAuditEntry } from '../../../audit/audit-store.ts';
import {
  auditFilterColumns,
  entryOf,
  type AuditFilters,
  type AuditRow,
} from '../../bff-tables/audit-rows.ts';
import type { PgQueryable } from '../pg-queryable.ts';

const COLUMNS = `org_id, id AS seq, at, actor_email, actor_role, action, detail, target_kind,
  target_id, target_label, outcome, status, problem_code, client_address, request_id,
  client_request_id`;

/**
 * One statement appends. The organization's head row is upserted first and stays locked until
 * the statement commits, so appends of one organization (from any replica) take their id from
 * the identity one after the other, in commit order, each with a time no earlier than the last.
 * The id is drawn as the row is built from the head's output, after the lock.
 */
const APPEND = /* sql */ `
  WITH head AS (
    INSERT INTO audit_heads AS h (org_id, last_at) VALUES ($1::text, $2::bigint)
    ON CONFLICT (org_id) DO UPDATE SET last_at = greatest(h.last_at, excluded.last_at)
    RETURNING last_at
  )
  INSERT INTO audit_entries (org_id, at, actor_email, actor_role, action, detail, target_kind,
    target_id, target_label, outcome, status, problem_code, client_address, request_id,
    client_request_id)
  SELECT $1::text, head.last_at, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
    $9::text, $10::text, $11::integer, $12::text, $13::text, $14::text, $15::text
  FROM head
  RETURNING ${COLUMNS}`;

type IdRange = { lo: number; hi: number };

/** The filters other than time, as `column = $n` terms numbered after `first` parameters. */
function filterTerms(query: AuditFilters, first: number): { terms: string[]; values: string[] } {
  const columns = auditFilterColumns(query);
  return {
    terms: columns.map(({ column }, i) => `${column} = $${first + i + 1}`),
    values: columns.map(({ value }) => value),
  };
}

/**
 * The audit log on PostgreSQL (migration 3), one log for every replica. Ids come from one
 * identity, so they are not 1, 2, 3… per organization as on SQLite; within an organization
 * they grow with every entry, and `at` never decreases with them, so a time range is an id range.
 */
export class PgAuditStore implements AuditStore {
  readonly #sql: PgQueryable;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
  }

  async appendAuditEntry(entry: NewAuditEntry): Promise<AuditEntry> {
    const { rows } = await this.#sql.query<AuditRow>(APPEND, [
      entry.orgId,
      entry.at,
      entry.actor.email.toLowerCase(),
      entry.actor.role,
      entry.action,
      entry.detail,
      entry.target?.kind ?? null,
      entry.target?.id ?? null,
      entry.target?.label ?? null,
      entry.result.outcome,
      entry.result.status,
      entry.result.code,
      entry.clientAddress,
      entry.requestId,
      entry.clientRequestId ?? null,
    ]);
    return entryOf(rows[0]!);
  }

  async listAuditEntries(
    orgId: string,
    query: Parameters<AuditStore['listAuditEntries']>[1],
  ): Promise<Awaited<ReturnType<AuditStore['listAuditEntries']>>> {
    const { page, pageSize } = query;
    const range = await this.#idRange(orgId, query);
    if (!range) return { items: [], total: 0, page, pageSize };
    const { terms, values } = filterTerms(query, 3);
    const where = ['org_id = $1', 'id BETWEEN $2 AND $3', ...terms].join(' AND ');
    const params = [orgId, range.lo, range.hi, ...values];
    const counted = await this.#sql.query<{ n: number }>(
      `SELECT count(*) AS n FROM audit_entries WHERE ${where}`,
      params,
    );
    const total = counted.rows[0]!.n;
    const offset = (page - 1) * pageSize;
    if (offset >= total) return { items: [], total, page, pageSize };
    const { rows } = await this.#sql.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_entries WHERE ${where}
       ORDER BY id DESC LIMIT ${pageSize} OFFSET ${offset}`,
      params,
    );
    return { items: rows.map(entryOf), total, page, pageSize };
  }

  async *exportAuditEntries(
    orgId: string,
    query: AuditExportQuery,
    batchSize = 1000,
  ): AsyncIterable<AuditEntry[]> {
    // The range is fixed at the start: entries appended while the file downloads do not shift
    // the batches, which go on below the last id of the one before.
    const range = await this.#idRange(orgId, query);
    if (!range) return;
    const { terms, values } = filterTerms(query, 4);
    const where = ['org_id = $1', 'id >= $2', 'id < $3', ...terms].join(' AND ');
    const sql = `SELECT ${COLUMNS} FROM audit_entries WHERE ${where}
      ORDER BY id DESC LIMIT $4`;
    let before = range.hi + 1;
    for (;;) {
      const { rows } = await this.#sql.query<AuditRow>(sql, [
        orgId,
        range.lo,
        before,
        batchSize,
        ...values,
      ]);
      if (rows.length === 0) return;
      yield rows.map(entryOf);
      before = rows[rows.length - 1]!.seq;
      if (rows.length < batchSize) return;
    }
  }

  /** The ids a time range covers (`at` never decreases with the id), or none. */
  async #idRange(
    orgId: string,
    { from, to }: Pick<AuditExportQuery, 'from' | 'to'>,
  ): Promise<IdRange | undefined> {
    const { rows } = await this.#sql.query<{ lo: number | null; hi: number | null }>(
      `SELECT
         (SELECT id FROM audit_entries WHERE org_id = $1 AND ($2::bigint IS NULL OR at >= $2)
          ORDER BY at, id LIMIT 1) AS lo,
         (SELECT id FROM audit_entries WHERE org_id = $1 AND ($3::bigint IS NULL OR at < $3)
          ORDER BY at DESC, id DESC LIMIT 1) AS hi`,
      [
        orgId,
        from === undefined ? null : Date.parse(from),
        to === undefined ? null : Date.parse(to),
      ],
    );
    const { lo, hi } = rows[0]!;
    return lo === null || hi === null || lo > hi ? undefined : { lo, hi };
  }
}
