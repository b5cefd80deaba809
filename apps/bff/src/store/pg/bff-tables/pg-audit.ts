import type { AuditEntry, AuditExportQuery } from '@hybrid-hub/contract';
import type { AuditStore, NewAuditEntry } from '../../../audit/audit-store.ts';
import {
  auditFilterColumns,
  entryOf,
  type AuditFilters,
  type AuditRow,
} from '../../bff-tables/audit-rows.ts';
import type { PgQueryable } from '../pg-queryable.ts';

/** `id AS seq`: the entry's id is what entryOf reads as its seq. */
const COLUMNS = `org_id, id AS seq, at, actor_email, actor_role, action, detail, target_kind,
  target_id, target_label, outcome, status, problem_code, client_address, request_id,
  client_request_id`;

/**
 * One statement appends. The organization's head row is upserted first and stays locked until
 * the statement commits, so appends of one organization (from any replica) follow one another
 * in commit order: each takes the next `seq` (its position in the log, from the head's count),
 * a time no earlier than the last, and an id from the identity drawn as the row is built from
 * the head's output, after the lock.
 */
const APPEND = /* sql */ `
  WITH head AS (
    INSERT INTO audit_heads AS h (org_id, last_at, entries) VALUES ($1::text, $2::bigint, 1)
    ON CONFLICT (org_id) DO UPDATE
      SET last_at = greatest(h.last_at, excluded.last_at), entries = h.entries + 1
    RETURNING last_at, entries
  )
  INSERT INTO audit_entries (org_id, seq, at, actor_email, actor_role, action, detail,
    target_kind, target_id, target_label, outcome, status, problem_code, client_address,
    request_id, client_request_id)
  SELECT $1::text, head.entries, head.last_at, $3::text, $4::text, $5::text, $6::text,
    $7::text, $8::text, $9::text, $10::text, $11::integer, $12::text, $13::text, $14::text,
    $15::text
  FROM head
  RETURNING ${COLUMNS}`;

/** The entries a time range covers: their first and last position, and their ids. */
interface Range {
  loSeq: number;
  hiSeq: number;
  lo: number;
  hi: number;
}

/** The filters other than time, as `column = $n` terms numbered after `first` parameters. */
function filterTerms(query: AuditFilters, first: number): { terms: string[]; values: string[] } {
  const columns = auditFilterColumns(query);
  return {
    terms: columns.map(({ column }, i) => `${column} = $${first + i + 1}`),
    values: columns.map(({ value }) => value),
  };
}

/**
 * The audit log on PostgreSQL (migrations 3 and 4), one log for every replica. Ids come from one
 * identity, so they are not 1, 2, 3… per organization as on SQLite (`seq` is, internally);
 * within an organization they grow with every entry, and `at` never decreases with them, so a
 * time range is an id range and a seq range.
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
    const range = await this.#range(orgId, query);
    if (!range) return { items: [], total: 0, page, pageSize };
    const offset = (page - 1) * pageSize;
    const { terms, values } = filterTerms(query, 3);
    if (terms.length === 0) {
      // Positions are dense: the page starts at a known seq, and the total is the range's width.
      const total = range.hiSeq - range.loSeq + 1;
      const { rows } = await this.#sql.query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_entries
         WHERE org_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq DESC LIMIT $4`,
        [orgId, range.loSeq, range.hiSeq - offset, pageSize],
      );
      return { items: rows.map(entryOf), total, page, pageSize };
    }
    const where = ['org_id = $1', 'id BETWEEN $2 AND $3', ...terms].join(' AND ');
    const params = [orgId, range.lo, range.hi, ...values];
    const counted = await this.#sql.query<{ n: number }>(
      `SELECT count(*) AS n FROM audit_entries WHERE ${where}`,
      params,
    );
    const total = counted.rows[0]!.n;
    if (offset >= total) return { items: [], total, page, pageSize };
    // Past the middle, from the oldest end: the walk over the filter's index (ending in id)
    // is never longer than half the matches.
    const fromOldest = offset > total / 2;
    const skip = fromOldest ? total - offset - pageSize : offset;
    const { rows } = await this.#sql.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_entries WHERE ${where}
       ORDER BY id ${fromOldest ? 'ASC' : 'DESC'}
       LIMIT ${skip < 0 ? pageSize + skip : pageSize} OFFSET ${Math.max(0, skip)}`,
      params,
    );
    if (fromOldest) rows.reverse();
    return { items: rows.map(entryOf), total, page, pageSize };
  }

  async *exportAuditEntries(
    orgId: string,
    query: AuditExportQuery,
    batchSize = 1000,
  ): AsyncIterable<AuditEntry[]> {
    // The range is fixed at the start: entries appended while the file downloads do not shift
    // the batches, which go on below the last id of the one before.
    const range = await this.#range(orgId, query);
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

  /** The entries a time range covers (`at` never decreases with seq and id), or none. */
  async #range(
    orgId: string,
    { from, to }: Pick<AuditExportQuery, 'from' | 'to'>,
  ): Promise<Range | undefined> {
    const { rows } = await this.#sql.query<Partial<Range>>(
      `SELECT lo.seq AS "loSeq", lo.id AS lo, hi.seq AS "hiSeq", hi.id AS hi
       FROM (SELECT seq, id FROM audit_entries
             WHERE org_id = $1 AND ($2::bigint IS NULL OR at >= $2)
             ORDER BY at, id LIMIT 1) lo,
            (SELECT seq, id FROM audit_entries
             WHERE org_id = $1 AND ($3::bigint IS NULL OR at < $3)
             ORDER BY at DESC, id DESC LIMIT 1) hi`,
      [
        orgId,
        from === undefined ? null : Date.parse(from),
        to === undefined ? null : Date.parse(to),
      ],
    );
    const range = rows[0] as Range | undefined;
    return range && range.lo <= range.hi ? range : undefined;
  }
}
