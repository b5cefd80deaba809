import type { PgQueryable } from '../pg-queryable.ts';
import { atomically } from './pg-atomically.ts';

/** The rows of a SELECT, typed as the caller's aliases make them. */
export async function selectRows<T>(
  sql: PgQueryable,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  return (await sql.query(text, values)).rows as T[];
}

/**
 * A time (epoch ms) for a bigint column. The engine's times may carry a fraction of a
 * millisecond (the demo's JID accounts do, and a ManualClock may); SQLite keeps it, PostgreSQL's
 * bigint refuses it. Rounded, they land within half a millisecond of the engine's value.
 */
export function epochMs<T extends number | null>(time: T): T {
  return (time === null ? null : Math.round(time)) as T;
}

/** Rows a bulk insert sends per statement: one JSON parameter each, tens of MB at most. */
const INSERT_CHUNK = 10_000;

/**
 * Inserts rows given as objects keyed by column name: one statement per chunk, the rows as one
 * JSON array turned into the table's row type by jsonb_populate_recordset, so a bulk insert is
 * a handful of round trips, not one per row; several chunks, all or none.
 */
export async function insertRows(
  sql: PgQueryable,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first).join(', ');
  const text = `INSERT INTO ${table} (${columns})
    SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`;
  const insertChunks = async (target: PgQueryable) => {
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      await target.query(text, [JSON.stringify(rows.slice(start, start + INSERT_CHUNK))]);
    }
  };
  // One statement is atomic by itself; a transaction only when there are several.
  await (rows.length > INSERT_CHUNK ? atomically(sql, insertChunks) : insertChunks(sql));
}

/**
 * Rewrites rows matched by `keys` (every other column of the objects is set): one statement for
 * all of them, the rows as one JSON array as in insertRows. Answers how many rows matched.
 */
export async function updateRows(
  sql: PgQueryable,
  table: string,
  rows: readonly Record<string, unknown>[],
  keys: readonly string[] = ['org_id', 'id'],
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const set = Object.keys(first)
    .filter((column) => !keys.includes(column))
    .map((column) => `${column} = r.${column}`);
  const match = keys.map((key) => `t.${key} = r.${key}`).join(' AND ');
  const result = await sql.query(
    `UPDATE ${table} t SET ${set.join(', ')}
     FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) r WHERE ${match}`,
    [JSON.stringify(rows)],
  );
  return result.rowCount ?? 0;
}
