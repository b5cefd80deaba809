import pg from 'pg';
import type { PgQueryable } from '../pg-queryable.ts';

/**
 * Runs a write of several statements all-or-nothing. Inside a transaction (`sql` is the
 * transaction's client) it runs as is: the transaction is the unit, and a SAVEPOINT per call
 * would only add round trips. On the pool it takes one connection for a transaction of its own,
 * since the pool would run each statement on whichever connection is free.
 */
export async function atomically<T>(
  sql: PgQueryable,
  write: (sql: PgQueryable) => Promise<T>,
): Promise<T> {
  if (!(sql instanceof pg.Pool)) return write(sql);
  const client = await sql.connect();
  let broken: Error | undefined;
  // The pool hears a lost connection's 'error' event only while it is idle (see pg-store.ts).
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await write(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
    throw error;
  } finally {
    // A connection lost, or whose ROLLBACK failed, is in an unknown state: the pool drops it.
    client.off('error', onError);
    client.release(broken);
  }
}
