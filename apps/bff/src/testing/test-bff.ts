import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Session } from '@hybrid-hub/contract';
import { ManualClock } from '@hybrid-hub/engine';
import { pino } from 'pino';
import { readConfig, type Config } from '../config.ts';
import type { EventStreamTiming } from '../routes/events.ts';
import { startBff, type RunningBff } from '../start.ts';
import type { SqliteStore } from '../store/engine-store/sqlite-store.ts';
import { signIn } from './sign-in.ts';

/** Requests as one browser would send them: with its session's cookie and CSRF token, if any. */
export interface ApiClient {
  /** The session's headers (cookie, X-CSRF-Token); empty for an anonymous client. */
  headers: Record<string, string>;
  /** The session as signing in answered it (undefined for an anonymous client). */
  session: Session | undefined;
  get(pathAndQuery: string, headers?: Record<string, string>): Promise<Response>;
  json<T = unknown>(pathAndQuery: string): Promise<T>;
  /** A request with a JSON body (or none), and any extra headers (If-Match…). */
  send(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

/**
 * A real BFF on an ephemeral port, on a temporary SQLite file, with a small seeded demo.
 * Its engine runs on a ManualClock: time (activation delays, retries) moves only when a test
 * advances it, while the due-work loop ticks every few milliseconds of real time.
 * Its own requests (get, json, send) are those of Acme's Full administrator, signed in at start;
 * `signIn` gives a client of another account, `anonymous` one without a session.
 */
export interface TestBff extends Omit<RunningBff, 'store'>, ApiClient {
  /** Always SQLite here, so that a test may read and change its tables directly. */
  store: SqliteStore;
  config: Config;
  clock: ManualClock;
  /** Sessions' and the sign-in throttle's time, apart from the engine's. */
  sessionClock: ManualClock;
  /** A client signed in as `email` (demo accounts: the demo password). */
  signIn(email: string, password?: string): Promise<ApiClient>;
  anonymous: ApiClient;
  /** Stops the server and removes the data directory. */
  destroy(): Promise<void>;
}

/** Acme's Full administrator: who the test BFF's own requests come from. */
export const TEST_ADMIN = 'admin@acme.example';

export async function startTestBff(
  overrides: Partial<Record<keyof Config, string>> = {},
  clock = new ManualClock(),
  {
    eventStreamTiming,
    streamSessionCheckMs,
  }: { eventStreamTiming?: EventStreamTiming; streamSessionCheckMs?: number } = {},
): Promise<TestBff> {
  const sessionClock = new ManualClock(Date.now());
  const dataDir = overrides.HUB_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'hybrid-hub-bff-'));
  const webDist = path.join(dataDir, 'web');
  mkdirSync(webDist, { recursive: true });
  writeFileSync(
    path.join(webDist, 'index.html'),
    '<!doctype html><title>Hybrid Hub</title><div id="root"></div>',
  );
  const config = readConfig({
    PORT: '0',
    HUB_DEMO_USERS: '2000', // the default demo: users in every status and every error
    HUB_DEMO_SEED: '11',
    HUB_WEB_DIST: webDist,
    // Short, so that a test advancing the clock sees activations within a few ticks.
    HUB_ACTIVATION_DELAY_MS: '50',
    HUB_TICK_MS: '20',
    // The session clock stands still unless a test moves it, so a rate limit's minute would never
    // end: a test file's thousands of requests from one session would meet it. Tests of the
    // limits set their own.
    HUB_RATE_LIMIT: '10000000',
    HUB_RATE_LIMIT_CHANGES: '10000000',
    HUB_RATE_LIMIT_UNAUTHORIZED: '10000000',
    ...overrides,
    HUB_DATA_DIR: dataDir,
  });
  const bff = await startBff(config, {
    logger: pino({ level: 'silent' }),
    clock,
    sessionClock,
    checkResponses: true,
    eventStreamTiming,
    streamSessionCheckMs,
  });
  const clientOf = (session: Session | undefined, own: Record<string, string>): ApiClient => {
    const get = (pathAndQuery: string, headers?: Record<string, string>) =>
      fetch(`${bff.url}${pathAndQuery}`, { headers: { ...own, ...headers } });
    return {
      headers: own,
      session,
      get,
      send: (method, path, body, headers = {}) =>
        fetch(`${bff.url}${path}`, {
          method,
          headers: {
            ...own,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      async json<T>(pathAndQuery: string) {
        const response = await get(pathAndQuery);
        if (!response.ok)
          throw new Error(`${pathAndQuery} answered ${response.status}: ${await response.text()}`);
        return (await response.json()) as T;
      },
    };
  };
  const signInAs = async (email: string, password?: string) => {
    const signedIn = await signIn(bff.url, email, password);
    return clientOf(signedIn.session, signedIn.headers);
  };
  let admin: ApiClient;
  let store: SqliteStore;
  try {
    if (!bff.sqlite) throw new Error('startTestBff runs on SQLite: leave HUB_DATABASE_URL unset');
    store = bff.sqlite;
    admin = await signInAs(TEST_ADMIN);
  } catch (error) {
    await bff.close();
    throw error;
  }
  return {
    ...bff,
    ...admin,
    store,
    config,
    clock,
    sessionClock,
    signIn: signInAs,
    anonymous: clientOf(undefined, {}),
    async destroy() {
      await bff.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
