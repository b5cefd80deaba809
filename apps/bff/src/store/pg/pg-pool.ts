import pg from 'pg';

export interface PgPoolOptions {
  /** Connections at most: each replica's share of the server's `max_connections`. */
  max?: number;
  /**
   * The schema every connection works in (`search_path`): tests give each store a schema of its
   * own in one database; a deployment leaves it to the database user's default (`public`).
   */
  schema?: string;
  /** A statement running longer is cancelled by the server (ms). */
  statementTimeoutMs?: number;
  /** A statement waiting longer for a lock fails instead of hanging a request (ms). */
  lockTimeoutMs?: number;
  /** How long a request waits for a free connection of the pool before failing (ms). */
  connectionTimeoutMs?: number;
  /** Shown in `pg_stat_activity`, so an operator sees which replica holds what. */
  applicationName?: string;
}

/**
 * int8 (bigint, count(*)) as a JavaScript number: our bigints are epoch milliseconds, ids and
 * counts, all far below 2^53, and the engine works with numbers. pg's default is a string.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * A bounded pool of connections to PostgreSQL, with the limits a request must never exceed: a
 * lost or overloaded database fails the request within seconds (a 503 problem), never hangs it.
 */
export function openPgPool(connectionString: string, options: PgPoolOptions = {}): pg.Pool {
  const settings = [
    `-c statement_timeout=${Math.trunc(options.statementTimeoutMs ?? 30_000)}`,
    `-c lock_timeout=${Math.trunc(options.lockTimeoutMs ?? 10_000)}`,
    // Idle transactions left open by a frozen replica end by themselves and free their locks.
    '-c idle_in_transaction_session_timeout=60000',
    ...(options.schema ? [`-c search_path=${quoteIdentifier(options.schema)}`] : []),
  ];
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'hybrid-hub',
    options: settings.join(' '),
    types,
  });
  // An idle connection the server dropped (restart, pg_terminate_backend) emits 'error' on the
  // pool; without a listener that would end the process. The next query opens a new connection.
  pool.on('error', () => {});
  return pool;
}

/**
 * A connection of the pool held for a while (a migration, the seed): a connection lost meanwhile
 * is reported as an 'error' event, which the pool hears only on idle connections; unheard, it
 * would end the process. Heard, the next statement fails, and `release` drops the connection
 * instead of returning it to the pool.
 */
export async function holdConnection(
  pool: pg.Pool,
): Promise<{ client: pg.PoolClient; release(destroy?: boolean): void }> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on('error', onError);
  return {
    client,
    release(destroy = false) {
      client.off('error', onError);
      client.release(destroy || lost !== undefined);
    },
  };
}

/** A PostgreSQL identifier, quoted: for names we make ourselves (schemas), never user input. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
