import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '@hybrid-hub/engine';
import { pino } from 'pino';
import { readConfig, type Config } from '../config.ts';
import type { EventStreamTiming } from '../routes/events.ts';
import { startBff, type RunningBff } from '../start.ts';

/**
 * A real BFF on an ephemeral port, on a temporary SQLite file, with a small seeded demo.
 * Its engine runs on a ManualClock: time (activation delays, retries) moves only when a test
 * advances it, while the due-work loop ticks every few milliseconds of real time.
 */
export interface TestBff extends RunningBff {
  config: Config;
  clock: ManualClock;
  get(pathAndQuery: string, headers?: Record<string, string>): Promise<Response>;
  json<T = unknown>(pathAndQuery: string): Promise<T>;
  /** A request with a JSON body (or none), and any extra headers (If-Match…). */
  send(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** Stops the server and removes the data directory. */
  destroy(): Promise<void>;
}

export async function startTestBff(
  overrides: Partial<Record<keyof Config, string>> = {},
  clock = new ManualClock(),
  { eventStreamTiming }: { eventStreamTiming?: EventStreamTiming } = {},
): Promise<TestBff> {
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
    ...overrides,
    HUB_DATA_DIR: dataDir,
  });
  const bff = await startBff(config, {
    logger: pino({ level: 'silent' }),
    clock,
    checkResponses: true,
    eventStreamTiming,
  });
  const get = (pathAndQuery: string, headers?: Record<string, string>) =>
    fetch(`${bff.url}${pathAndQuery}`, { headers });
  return {
    ...bff,
    config,
    clock,
    get,
    send: (method, path, body, headers = {}) =>
      fetch(`${bff.url}${path}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    async json<T>(pathAndQuery: string) {
      const response = await get(pathAndQuery);
      if (!response.ok)
        throw new Error(`${pathAndQuery} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
    async destroy() {
      await bff.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
