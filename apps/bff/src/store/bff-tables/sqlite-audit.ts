import type { AuditExportQuery } from '@hybrid-hub/contract';
import type Database from 'better-sqlite3';
import type { AuditStore, NewAuditEntry } from '../../audit/audit-store.ts';
import type { SqliteStore } from '../engine-store/sqlite-store.ts';
import { auditFilterColumns, entryOf, type AuditFilters, type AuditRow } from './audit-rows.ts';

const COLUMNS = `org_id, seq, at, actor_email, actor_role, action, detail, target_kind, target_id,
  target_label, outcome, status, problem_code, client_address, request_id, client_request_id`;

/**
 * One statement appends: the next seq of the organization and a time no earlier than its last
 * entry's, read and written at once (SQLite runs one writer at a time, so two requests never get
 * the same seq; the primary key would refuse it anyway).
 */
const APPEND = /* sql */ `
  INSERT INTO audit_entries (${COLUMNS})
  VALUES (
    @orgId,
    coalesce((SELECT max(seq) FROM audit_entries WHERE org_id = @orgId), 0) + 1,
    max(@at, coalesce((SELECT max(at) FROM audit_entries WHERE org_id = @orgId), 0)),
    @actorEmail, @actorRole, @action, @detail, @targetKind, @targetId, @targetLabel,
    @outcome, @status, @problemCode, @clientAddress, @requestId, @clientRequestId
  )
  RETURNING ${COLUMNS}`;

const LAST_SEQ = 'SELECT max(seq) FROM audit_entries WHERE org_id = ?';
const FIRST_SEQ_FROM =
  'SELECT seq FROM audit_entries WHERE org_id = ? AND at >= ? ORDER BY at, seq LIMIT 1';
const LAST_SEQ_BEFORE =
  'SELECT seq FROM audit_entries WHERE org_id = ? AND at < ? ORDER BY at DESC, seq DESC LIMIT 1';

/** The seq range a time range covers (`at` never decreases with seq), or none. */
function seqRange(
  statement: (sql: string) => Database.Statement,
  orgId: string,
  { from, to }: Pick<AuditExportQuery, 'from' | 'to'>,
): { lo: number; hi: number } | undefined {
  const pluck = (sql: string, ...args: unknown[]) =>
    statement(sql)
      .pluck()
      .get(...args) as number | null | undefined;
  const hi =
    to === undefined ? pluck(LAST_SEQ, orgId) : pluck(LAST_SEQ_BEFORE, orgId, Date.parse(to));
  const lo = from === undefined ? 1 : pluck(FIRST_SEQ_FROM, orgId, Date.parse(from));
  if (hi === null || hi === undefined || lo === null || lo === undefined || lo > hi)
    return undefined;
  return { lo, hi };
}

/** The filters other than time, as SQL terms each served by its own index. */
function filterTerms(query: AuditFilters): { terms: string[]; params: Record<string, string> } {
  const terms: string[] = [];
  const params: Record<string, string> = {};
  auditFilterColumns(query).forEach(({ column, value }, i) => {
    terms.push(`${column} = @f${i}`);
    params[`f${i}`] = value;
  });
  return { terms, params };
}

/**
 * The audit log in the store's SQLite database (migrations 8, 11 and 14), on its connection in turn with
 * the engine's transactions: appends on the writer, reads on the read connection.
 */
export function sqliteAuditStore(store: SqliteStore): AuditStore {
  // Statements are prepared once per connection and SQL text (the filters make a few shapes).
  const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();
  const statementOn = (db: Database.Database) => (sql: string) => {
    let statements = prepared.get(db);
    if (!statements) {
      statements = new Map();
      prepared.set(db, statements);
    }
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return {
    appendAuditEntry: (entry: NewAuditEntry) =>
      store.useConnection((db) => {
        const row = statementOn(db)(APPEND).get({
          orgId: entry.orgId,
          at: entry.at,
          actorEmail: entry.actor.email.toLowerCase(),
          actorRole: entry.actor.role,
          action: entry.action,
          detail: entry.detail,
          targetKind: entry.target?.kind ?? null,
          targetId: entry.target?.id ?? null,
          targetLabel: entry.target?.label ?? null,
          outcome: entry.result.outcome,
          status: entry.result.status,
          problemCode: entry.result.code,
          clientAddress: entry.clientAddress,
          requestId: entry.requestId,
          clientRequestId: entry.clientRequestId ?? null,
        }) as AuditRow;
        return entryOf(row);
      }, 'write'),

    listAuditEntries: (orgId, query) =>
      store.useConnection((db) => {
        const statement = statementOn(db);
        const { page, pageSize } = query;
        const empty = { items: [], total: 0, page, pageSize };
        const range = seqRange(statement, orgId, query);
        if (!range) return empty;
        const offset = (page - 1) * pageSize;
        const { terms, params } = filterTerms(query);
        const all = (sql: string, extra: Record<string, number>) =>
          (statement(sql).all({ orgId, ...range, ...params, ...extra }) as AuditRow[]).map(entryOf);

        if (terms.length === 0) {
          // Seqs are dense: the page starts at a known seq, and the total is the range's width.
          const total = range.hi - range.lo + 1;
          const items = all(
            `SELECT ${COLUMNS} FROM audit_entries
             WHERE org_id = @orgId AND seq BETWEEN @lo AND @top ORDER BY seq DESC LIMIT @limit`,
            { top: range.hi - offset, limit: pageSize },
          );
          return { items, total, page, pageSize };
        }

        const where = ['org_id = @orgId', 'seq BETWEEN @lo AND @hi', ...terms].join(' AND ');
        const total = statement(`SELECT count(*) FROM audit_entries WHERE ${where}`)
          .pluck()
          .get({ orgId, ...range, ...params }) as number;
        if (offset >= total) return { ...empty, total };
        // The page's seqs are found in the filter's index alone (skipping rows there costs no
        // table read), then only its rows are read. Past the middle, from the oldest end: the
        // walk is never longer than half the matches.
        const fromOldest = offset > total / 2;
        const skip = fromOldest ? total - offset - pageSize : offset;
        const items = all(
          `SELECT ${COLUMNS} FROM audit_entries WHERE org_id = @orgId AND seq IN (
             SELECT seq FROM audit_entries WHERE ${where}
             ORDER BY seq ${fromOldest ? 'ASC' : 'DESC'} LIMIT @limit OFFSET @skip
           ) ORDER BY seq DESC`,
          { limit: skip < 0 ? pageSize + skip : pageSize, skip: Math.max(0, skip) },
        );
        return { items, total, page, pageSize };
      }, 'read'),

    async *exportAuditEntries(orgId, query, batchSize = 1000) {
      // The range is fixed at the start: entries appended while the file downloads (its own
      // request is not one: GETs are not audited) do not shift the batches.
      const range = await store.useConnection(
        (db) => seqRange(statementOn(db), orgId, query),
        'read',
      );
      if (!range) return;
      const { terms, params } = filterTerms(query);
      const where = ['org_id = @orgId', 'seq BETWEEN @lo AND @before - 1', ...terms].join(' AND ');
      const sql = `SELECT ${COLUMNS} FROM audit_entries WHERE ${where}
        ORDER BY seq DESC LIMIT @limit`;
      let before = range.hi + 1;
      for (;;) {
        const rows = await store.useConnection(
          (db) =>
            statementOn(db)(sql).all({
              orgId,
              lo: range.lo,
              before,
              limit: batchSize,
              ...params,
            }) as AuditRow[],
          'read',
        );
        if (rows.length === 0) return;
        yield rows.map(entryOf);
        before = rows[rows.length - 1]!.seq;
        if (rows.length < batchSize) return;
      }
    },
  };
}
