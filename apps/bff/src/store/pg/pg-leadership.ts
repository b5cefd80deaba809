import pg from 'pg';
import type { Logger } from 'pino';
import { quoteIdentifier } from './pg-pool.ts';

export interface PgLeadershipOptions {
  /** The database; leadership holds one connection of its own, outside every pool. */
  connectionString: string;
  /** The schema, when the pools use one (tests); leadership is per schema. */
  schema?: string;
  /** What is led (one lock each): e.g. "timed work". */
  name: string;
  /**
   * Which replica this is (`host:port`), added to the connection's `application_name` so that
   * an operator, or a test, finds the leader in `pg_stat_activity` (cut at 63 bytes by the server).
   */
  replica?: string;
  /** Called with true when this replica starts leading, false when it stops. */
  onChange: (leading: boolean) => void;
  logger?: Logger;
  /** The leader proves it is alive this often (ms). */
  heartbeatMs?: number;
  /** A leader silent this long is taken for frozen, and its connection ended (ms). */
  staleAfterMs?: number;
  /**
   * A follower tries for the lock this often (ms): a frozen leader is replaced within
   * `staleAfterMs` plus this after it last spoke (1.75 s by default, inside issue 14's 2 s).
   */
  retryMs?: number;
}

export interface PgLeadership {
  readonly leading: boolean;
  /** Stops leading (the lock is released at once, so another replica takes over) or following. */
  close(): Promise<void>;
}

/**
 * Exactly one replica leads: the holder of a session-level advisory lock on a dedicated
 * connection (not a pool's, which would hand the lock to whatever request borrows it next).
 *
 * - A leader that dies (crash, `kill -9`) loses its connection, and PostgreSQL releases the lock
 *   at once; a follower gets it at its next try (`retryMs`).
 * - A leader that freezes (`SIGSTOP`, a stuck event loop) keeps its connection and so its lock.
 *   It runs `SELECT 1` every `heartbeatMs`, which moves its `pg_stat_activity.state_change`; a
 *   follower that finds the holder idle for longer than `staleAfterMs` ends its connection
 *   (`pg_terminate_backend`, allowed for connections of the same database user) and takes the
 *   lock. The frozen leader, when it wakes, finds its connection gone at its next heartbeat and
 *   stops leading.
 * - A leader whose connection fails (`pg_terminate_backend`, a database restart) stops leading at
 *   once and becomes a follower on a new connection.
 *
 * What is led must still be safe when two replicas briefly overlap (the woken leader's last
 * transaction): the engine's work runs in per-organization transactions on versioned rows, so
 * an overlap repeats a read, never a write.
 */
export function startPgLeadership(options: PgLeadershipOptions): PgLeadership {
  const heartbeatMs = options.heartbeatMs ?? 500;
  const staleAfterMs = options.staleAfterMs ?? 1_500;
  const retryMs = options.retryMs ?? 250;
  const { logger } = options;
  let leading = false;
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let keys: { namespace: number; lock: number } | undefined;
  let turn: Promise<void> = Promise.resolve();

  const setLeading = (next: boolean) => {
    if (leading === next) return;
    leading = next;
    logger?.info({ lock: options.name, leading }, leading ? 'leading' : 'no longer leading');
    options.onChange(next);
  };

  const dropConnection = () => {
    const old = client;
    client = undefined;
    setLeading(false);
    old?.end().catch(() => {});
  };

  const connect = async (): Promise<pg.Client> => {
    const next = new pg.Client({
      connectionString: options.connectionString,
      application_name: `hybrid-hub leader:${options.name}${options.replica ? ` on ${options.replica}` : ''}`,
      // A heartbeat that gets no answer is a lost leadership, not a hung one.
      query_timeout: Math.max(heartbeatMs * 2, 1_000),
      ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)}` } : {}),
    });
    next.on('error', () => dropConnection());
    await next.connect();
    if (!keys) {
      const { rows } = await next.query<{ namespace: number; lock: number }>(
        // Two 32-bit keys, both non-negative (pg_locks shows them as oids): the schema and the name.
        `SELECT hashtext('hybrid-hub ' || current_schema()) & 2147483647 AS namespace,
                hashtext($1) & 2147483647 AS lock`,
        [options.name],
      );
      keys = rows[0]!;
    }
    return next;
  };

  const step = async () => {
    if (closed) return;
    try {
      client ??= await connect();
      const { namespace, lock } = keys!;
      if (leading) {
        await client.query('SELECT 1');
        return;
      }
      const { rows } = await client.query<{ got: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS got',
        [namespace, lock],
      );
      if (rows[0]!.got) {
        if (closed) return;
        setLeading(true);
        return;
      }
      // The frozen holder's lock is free once its connection has ended: take it now, not a
      // retry later, so that a freeze costs staleAfterMs plus at most one retry.
      if ((await endFrozenHolder(client, namespace, lock)) && !closed) {
        const again = await client.query<{ got: boolean }>(
          'SELECT pg_try_advisory_lock($1, $2) AS got',
          [namespace, lock],
        );
        if (again.rows[0]!.got && !closed) setLeading(true);
      }
    } catch (error) {
      logger?.warn({ err: error, lock: options.name }, 'leadership connection lost');
      dropConnection();
    }
  };

  /**
   * Ends the holder's connection when it has been idle past `staleAfterMs` (it is frozen), and
   * says whether it did (waiting for the connection to be gone, so its lock is released).
   */
  const endFrozenHolder = async (
    db: pg.Client,
    namespace: number,
    lock: number,
  ): Promise<boolean> => {
    const { rows } = await db.query<{ pid: number }>(
      `SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
         AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid
         AND a.state = 'idle' AND a.state_change < clock_timestamp() - make_interval(secs => $3)`,
      [namespace, lock, staleAfterMs / 1000],
    );
    for (const { pid } of rows) {
      logger?.warn({ lock: options.name, pid }, 'ending the connection of a frozen leader');
      // With a timeout, pg_terminate_backend waits (up to it) for the backend to exit.
      await db.query('SELECT pg_terminate_backend($1, 500)', [pid]);
    }
    return rows.length > 0;
  };

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(
      () => {
        turn = step().finally(schedule);
      },
      leading ? heartbeatMs : retryMs,
    );
  };
  turn = step().finally(schedule);

  return {
    get leading() {
      return leading;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await turn;
      const old = client;
      client = undefined;
      setLeading(false);
      // Ending the connection releases the lock: a follower takes over at its next try.
      await old?.end().catch(() => {});
    },
  };
}
