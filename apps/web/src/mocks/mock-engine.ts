import {
  createEngine,
  MemoryStore,
  seedDemo,
  systemClock,
  type Clock,
  type Engine,
} from '@hybrid-hub/engine';

export interface MockEngineOptions {
  /** Acme's users: 2,000 in the browser demo; tests pass fewer. */
  acmeUsers?: number;
  globexUsers?: number;
  seed?: number;
  clock?: Clock;
  /**
   * Pending → evaluated after this long. Short in the mock (1.5 s) so a demo does not wait; the
   * BFF's default is the engine's "few seconds".
   */
  activationDelayMs?: number;
}

export interface MockEngine {
  engine: Engine;
  store: MemoryStore;
  clock: Clock;
  activationDelayMs: number;
}

export const MOCK_ACTIVATION_DELAY_MS = 1500;

/** The real engine over an in-memory store, seeded with the deterministic demo organizations. */
export async function createMockEngine({
  acmeUsers = 2000,
  // The BFF's defaults (HUB_DEMO_SEED=42): the mock shows the same demo as `npm start`.
  globexUsers = 150,
  seed = 42,
  clock = systemClock,
  activationDelayMs = MOCK_ACTIVATION_DELAY_MS,
}: MockEngineOptions = {}): Promise<MockEngine> {
  const store = new MemoryStore();
  await seedDemo(store, { seed, acmeUsers, globexUsers, clock });
  const engine = createEngine({ store, clock, activationDelayMs });
  return { engine, store, clock, activationDelayMs };
}

/** Runs the engine's due work until a call leaves nothing for the next (bounded batches). */
export async function runDueWorkUntilIdle(engine: Engine, maxCalls = 1000): Promise<void> {
  for (let call = 0; call < maxCalls; call += 1) {
    const report = await engine.runDueWork();
    if (!report.more) return;
  }
}

/**
 * The BFF's due-work loop, for the browser mock: Pending users settle and bulk jobs progress
 * while the page is open. Unit tests do not start it (they move a manual clock and call
 * runDueWorkUntilIdle when they want time to pass). Returns a function that stops it.
 */
export function startDueWorkLoop(engine: Engine, intervalMs = 250): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runDueWorkUntilIdle(engine)
      .catch((error: unknown) => console.warn('[mock] due work failed', error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  return () => clearInterval(timer);
}
