import { mkdirSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { createEngine, seedDemo, systemClock, type Clock, type Engine } from '@hybrid-hub/engine';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { EventNotifier } from './events/event-notifier.ts';
import type { EventStreamTiming } from './routes/events.ts';
import { openSqliteStore, type SqliteStore } from './store/sqlite-store.ts';
import { startDueWorkLoop } from './work/due-work-loop.ts';

export interface RunningBff {
  url: string;
  store: SqliteStore;
  engine: Engine;
  /** Wakes this process's event streams when the engine commits events. */
  events: EventNotifier;
  /** True when this start created and seeded the database. */
  seeded: boolean;
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
    checkResponses = false,
    eventStreamTiming,
  }: {
    logger: Logger;
    clock?: Clock;
    checkResponses?: boolean;
    eventStreamTiming?: EventStreamTiming;
  },
): Promise<RunningBff> {
  mkdirSync(config.HUB_DATA_DIR, { recursive: true });
  const store = openSqliteStore(path.join(config.HUB_DATA_DIR, 'hybrid-hub.db'));
  let seeded = false;
  try {
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
    if (!(await store.getOrganization(config.HUB_ORG))) {
      throw new Error(`HUB_ORG=${config.HUB_ORG}: no such organization in ${config.HUB_DATA_DIR}.`);
    }
  } catch (error) {
    await store.close();
    throw error;
  }

  const events = new EventNotifier();
  const engine = createEngine({
    store,
    clock,
    activationDelayMs: config.HUB_ACTIVATION_DELAY_MS,
    dueWorkBatchSize: config.HUB_DUE_WORK_BATCH,
    maintenanceRatePerMinute: config.HUB_MAINTENANCE_RATE,
    onEventsCommitted: (orgIds) => events.notify(orgIds),
  });
  const app = createApp({
    engine,
    logger,
    orgId: config.HUB_ORG,
    actor: config.HUB_ACTOR,
    lab: config.HUB_LAB,
    events,
    eventStreamTiming,
    webDist: config.HUB_WEB_DIST,
    checkResponses,
  });
  const server = app.listen(config.PORT, config.HOST);
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
  const dueWork = startDueWorkLoop({
    engine,
    clock,
    logger,
    tickMs: config.HUB_TICK_MS,
    pruneEvents: (before) => store.pruneEvents(before),
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;

  return {
    url: `http://${host}:${port}`,
    store,
    engine,
    events,
    seeded,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Event streams never end by themselves; their clients reconnect and resume.
        events.endAll();
        server.closeIdleConnections();
        for (const socket of unused) socket.destroy();
      });
      // The loop's last run finishes before the store it writes to is closed.
      await dueWork.close();
      await store.close();
    },
  };
}
