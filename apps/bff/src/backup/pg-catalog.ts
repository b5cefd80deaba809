import type pg from 'pg';
import { openPgPool } from '../store/pg/pg-pool.ts';
import type { PgQueryable } from '../store/pg/pg-queryable.ts';

export interface PgTable {
  name: string;
  /** Stored columns in their order (generated columns are computed, not copied). */
  columns: string[];
  /** Identity columns and their sequence (qualified name). */
  identities: { column: string; sequence: string }[];
}

/**
 * The tables of the connection's schema (`current_schema()`), but `schema_migrations`, which
 * the migrations write: ordered so that every table comes after the tables it references.
 */
export async function schemaTables(sql: PgQueryable): Promise<PgTable[]> {
  const { rows: tables } = await sql.query<{ oid: number; name: string }>(
    `SELECT c.oid, c.relname AS name FROM pg_class c
      WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
        AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
      ORDER BY c.relname`,
  );
  const oids = tables.map((t) => t.oid);
  const { rows: columns } = await sql.query<{
    table: number;
    name: string;
    sequence: string | null;
  }>(
    `SELECT a.attrelid AS table, a.attname AS name,
            CASE WHEN a.attidentity <> '' THEN pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) END AS sequence
       FROM pg_attribute a
      WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attrelid, a.attnum`,
    [oids],
  );
  const { rows: references } = await sql.query<{ table: number; referenced: number }>(
    `SELECT conrelid AS table, confrelid AS referenced FROM pg_constraint
      WHERE contype = 'f' AND conrelid = ANY($1) AND confrelid <> conrelid`,
    [oids],
  );
  const byOid = new Map(
    tables.map((t) => [
      t.oid,
      { name: t.name, columns: [] as string[], identities: [] as PgTable['identities'] },
    ]),
  );
  for (const column of columns) {
    const table = byOid.get(column.table)!;
    table.columns.push(column.name);
    if (column.sequence) table.identities.push({ column: column.name, sequence: column.sequence });
  }
  return inReferenceOrder(oids, references).map((oid) => byOid.get(oid)!);
}

/** Tables before those that reference them (Kahn's algorithm, ties in name order). */
function inReferenceOrder(
  oids: number[],
  references: { table: number; referenced: number }[],
): number[] {
  const ordered: number[] = [];
  const placed = new Set<number>();
  while (ordered.length < oids.length) {
    const next = oids.find(
      (oid) =>
        !placed.has(oid) &&
        references.every(
          (r) => r.table !== oid || placed.has(r.referenced) || !oids.includes(r.referenced),
        ),
    );
    if (next === undefined) throw new Error('the tables reference each other in a cycle');
    placed.add(next);
    ordered.push(next);
  }
  return ordered;
}

/**
 * One connection for a backup or a restore, named in pg_stat_activity, without the requests'
 * statement limit: copying 200,000 users takes longer than a request may.
 */
export function openCopyPool(url: string, schema: string | undefined, name: string): pg.Pool {
  return openPgPool(url, { max: 1, schema, statementTimeoutMs: 0, applicationName: name });
}
