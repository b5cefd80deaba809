import pg from 'pg';
import type { Logger } from 'pino';
import { quoteIdentifier } from '../store/pg/pg-pool.ts';

/** The channel every replica's store notifies on commit (payload: the organization's id). */
export const EVENTS_CHANNEL = 'hub_events';

export interface PgEventListenerOptions {
  connectionString: string;
  /** Organizations whose events another replica (or this one) committed: look again. */
  onEvents: (orgIds: readonly string[]) => void;
  /**
   * The listening connection was lost and is back: notifications sent meanwhile are gone, so
   * every open stream reads its outbox again (the streams' slow poll covered the gap).
   */
  onReconnect: () => void;
  logger?: Logger;
  channel?: string;
  /** Shown in `pg_stat_activity`. */
  applicationName?: string;
  /** First pause before reconnecting; doubles up to 5 s (ms). */
  reconnectMs?: number;
}

export interface PgEventListener {
  /** Resolves once listening (the first time). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Hears every replica's commits through PostgreSQL's LISTEN/NOTIFY, on a connection of its own
 * (a pool's connection would be lent to requests). The store sends `pg_notify` inside the
 * transaction that appends the events, so PostgreSQL delivers it only after the commit, folds
 * repeats of one organization within a transaction into one, and never delivers a rolled-back
 * one. A notification carries no events, only "look again": what a stream sends always comes
 * from the outbox, in `seq` order, so a lost or repeated notification costs a read, not an event.
 */
export function listenForPgEvents(options: PgEventListenerOptions): PgEventListener {
  const channel = options.channel ?? EVENTS_CHANNEL;
  const firstPause = options.reconnectMs ?? 250;
  let pause = firstPause;
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let listenedOnce = false;
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  const reconnectLater = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void listen();
    }, pause);
    pause = Math.min(pause * 2, 5_000);
  };

  const listen = async () => {
    const next = new pg.Client({
      connectionString: options.connectionString,
      application_name: options.applicationName ?? 'hybrid-hub events',
    });
    const lost = (error?: Error) => {
      if (client !== next) return;
      client = undefined;
      options.logger?.warn({ err: error }, 'event notifications lost: reconnecting');
      next.end().catch(() => {});
      reconnectLater();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload) options.onEvents([message.payload]);
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${quoteIdentifier(channel)}`);
    } catch (error) {
      lost(error as Error);
      return;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    pause = firstPause;
    if (listenedOnce) options.onReconnect();
    listenedOnce = true;
    resolveReady();
  };
  void listen();

  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(retry);
      const old = client;
      client = undefined;
      await old?.end().catch(() => {});
    },
  };
}
