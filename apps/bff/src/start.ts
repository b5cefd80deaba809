import { createServer } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo, Socket } from 'node:net';
import { createEngine, seedDemo, systemClock, type Clock, type Engine } from '@hybrid-hub/engine';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import type { AuditStore } from './audit/audit-store.ts';
import { seedDemoAdmins } from './auth/admin-accounts.ts';
import type { AuthStore } from './auth/auth-store.ts';
import { createBffAuth } from './auth/bff-auth.ts';
import type { Config } from './config.ts';
import { EventNotifier } from './events/event-notifier.ts';
import { listenForPgEvents } from './events/pg-event-listener.ts';
import { answerClientErrors } from './middleware/client-errors.ts';
import type { EventStreamTiming } from './routes/events.ts';
import { openBffStores, type BffEngineStore, type Replication } from './store/bff-stores.ts';
import type { SqliteStore } from './store/engine-store/sqlite-store.ts';
import { startPgLeadership } from './store/pg/pg-leadership.ts';
import { startDueWorkLoop, type DueWorkLoop } from './work/due-work-loop.ts';

const SESSION_SWEEP_MS = 60 * 60_000;

/**
 * Deadlines of a request's arrival, so that a client trickling its headers (slowloris) or its
 * body cannot hold a connection for long: the headers within 10 s, the whole request (at most
 * 100 kB of body) within 20 s; answered 408 (client-errors.ts). They cover receiving only: an
 * event stream, a response that lasts hours, is not cut. Node checks them only every
 * connectionsCheckingInterval (30 s by default), so that is shortened for the cut to come on time.
 */
const HTTP_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 20_000,
  connectionsCheckingInterval: 1000,
};

export interface RunningBff {
  url: string;
  /** The engine's store: SQLite, or PostgreSQL with HUB_DATABASE_URL. */
  store: BffEngineStore;
  /** The same store when it is SQLite. */
  sqlite: SqliteStore | undefined;
  /** Administrators, sessions, sign-in counters. */
  auth: AuthStore;
  /** The audit log of every state-changing request. */
  audit: AuditStore;
  engine: Engine;
  /** Wakes this process's event streams when the engine commits events. */
  events: EventNotifier;
  /** True when this start created and seeded the database. */
  seeded: boolean;
  /** True when this start created the demo accounts. */
  seededDemoAdmins: boolean;
  /** Whether this process runs the timed work: always on SQLite, the leader's on PostgreSQL. */
  readonly leading: boolean;
  close(): Promise<void>;
}

/**
 * Opens the store (creating and seeding it on first start), builds the app and listens.
 * Used by server.ts and by tests that need a real process-like start (restart keeps data).
 */
export async function startBff(
  config: Config,
  {
    logger,
    clock = systemClock,
    sessionClock = systemClock,
    checkResponses = false,
    eventStreamTiming,
    streamSessionCheckMs,
  }: {
    logger: Logger;
    clock?: Clock;
    /**
     * Time for sessions and the sign-in throttle: the wall clock, apart from the engine's (tests
     * move the engine's clock by hours to pass retries; sessions must not expire from that).
     */
    sessionClock?: Clock;
    checkResponses?: boolean;
    eventStreamTiming?: EventStreamTiming;
    streamSessionCheckMs?: number;
  },
): Promise<RunningBff> {
  const stores = await openBffStores(config, (message) =>
    logger.warn({ dataDir: config.HUB_DATA_DIR }, message),
  );
  const { store, auth, audit } = stores;
  const { sessions, app: appAuth } = createBffAuth(auth, config, {
    clock: sessionClock,
    logger,
    streamSessionCheckMs,
    apiCounters: stores.apiCounters,
  });
  let seeded = false;
  let seededDemoAdmins = false;
  try {
    // Replicas started together on an empty database: one seeds, the others then find it done.
    await stores.exclusively(async () => {
      if ((await store.listOrganizations()).length === 0 && config.HUB_DEMO) {
        const started = performance.now();
        await seedDemo(store, {
          seed: config.HUB_DEMO_SEED,
          acmeUsers: config.HUB_DEMO_USERS,
          clock,
        });
        await store.optimize();
        seeded = true;
        logger.info(
          {
            acmeUsers: config.HUB_DEMO_USERS,
            seconds: +((performance.now() - started) / 1000).toFixed(2),
          },
          'seeded the demo organizations',
        );
      }
      if (config.HUB_DEMO) seededDemoAdmins = await seedDemoAdmins(auth, store, sessionClock);
    });
  } catch (error) {
    await stores.close();
    throw error;
  }

  const events = new EventNotifier();
  // Started once the server listens (below), and with PostgreSQL only while this replica leads;
  // until then there is nothing to wake.
  let dueWork: DueWorkLoop | undefined = undefined;
  const engine = createEngine({
    store,
    clock,
    activationDelayMs: config.HUB_ACTIVATION_DELAY_MS,
    dueWorkBatchSize: config.HUB_DUE_WORK_BATCH,
    maintenanceRatePerMinute: config.HUB_MAINTENANCE_RATE,
    onEventsCommitted: (orgIds) => {
      events.notify(orgIds);
      // A bulk job just queued starts now, not at the loop's next tick.
      dueWork?.wake();
    },
  });
  const app = createApp({
    engine,
    logger,
    auth: appAuth,
    audit: { store: audit, accounts: auth, clock: sessionClock },
    lab: config.HUB_LAB,
    events,
    eventStreamTiming,
    eventStreamsPerSession: config.HUB_SESSION_STREAMS,
    csvDownloads: {
      perSession: config.HUB_CSV_DOWNLOADS_PER_SESSION,
      perOrganization: config.HUB_CSV_DOWNLOADS_PER_ORG,
    },
    webDist: config.HUB_WEB_DIST,
    checkResponses,
    trustProxy: config.HUB_TRUST_PROXY,
    idempotency: { keys: stores.idempotencyKeys, clock: sessionClock },
    checkDatabase: stores.replication?.checkDatabase,
  });
  const server = createServer(HTTP_TIMEOUTS, app).listen(config.PORT, config.HOST);
  answerClientErrors(server);
  // Connections a client opened ahead of need (browsers preconnect, fetch replaces a socket it
  // closed) carry no request, yet Node counts them as busy: close() would wait for them.
  const unused = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  server.on('request', (req: { socket: Socket }) => unused.delete(req.socket));
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  // After listen: a start that fails (port taken) leaves no loop behind.
  const startLoop = () =>
    startDueWorkLoop({
      engine,
      clock,
      logger,
      tickMs: config.HUB_TICK_MS,
      pruneEvents: (before) => store.pruneEvents(before),
    });
  const replicas = stores.replication && shareWithReplicas(stores.replication);
  if (!replicas) dueWork = startLoop();

  /**
   * With PostgreSQL: the timed work runs on the one replica that leads (pg-leadership.ts), and
   * every replica's streams hear every replica's commits (pg-event-listener.ts).
   */
  function shareWithReplicas(replication: Replication) {
    // Starting and stopping the loop in turn: a stop waits for the run under way to end.
    let turn = Promise.resolve();
    const leadership = startPgLeadership({
      connectionString: replication.connectionString,
      schema: replication.schema,
      name: 'timed work',
      replica: `${hostname()}:${(server.address() as AddressInfo).port}`,
      logger,
      onChange: (leading) => {
        turn = turn.then(async () => {
          if (leading && !dueWork) dueWork = startLoop();
          if (!leading && dueWork) {
            const stopping = dueWork;
            dueWork = undefined;
            await stopping.close();
          }
        });
      },
    });
    const listener = listenForPgEvents({
      connectionString: replication.connectionString,
      logger,
      onEvents: (orgIds) => {
        events.notify(orgIds);
        // A job another replica queued starts now on this one, when it leads.
        dueWork?.wake();
      },
      onReconnect: () => {
        events.wakeAll();
        dueWork?.wake();
      },
    });
    return {
      get leading() {
        return leadership.leading;
      },
      async close() {
        await Promise.all([leadership.close(), listener.close()]);
        await turn;
      },
    };
  }
  // Ended sessions are refused anyway, and ended sign-in windows count for nothing: sweeping them
  // keeps both tables small (a password-guessing run from many addresses leaves a row each).
  const sweep = setInterval(() => {
    sessions.sweep().catch((error: unknown) => logger.warn({ err: error }, 'session sweep failed'));
    auth
      .pruneAttempts(sessionClock.now())
      .catch((error: unknown) => logger.warn({ err: error }, 'sign-in attempts sweep failed'));
    stores.apiCounters
      ?.pruneAttempts(sessionClock.now())
      .catch((error: unknown) => logger.warn({ err: error }, 'rate limit counters sweep failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;

  return {
    url: `http://${host}:${port}`,
    store,
    sqlite: stores.sqlite,
    auth,
    audit,
    engine,
    events,
    seeded,
    seededDemoAdmins,
    get leading() {
      return replicas ? replicas.leading : true;
    },
    async close() {
      clearInterval(sweep);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Event streams never end by themselves; their clients reconnect and resume.
        events.endAll();
        server.closeIdleConnections();
        for (const socket of unused) socket.destroy();
      });
      // The loop's last run finishes before the store it writes to is closed; a replica that
      // leads lets go of it, so another takes over at once.
      await replicas?.close();
      await dueWork?.close();
      await stores.close();
    },
  };
}
