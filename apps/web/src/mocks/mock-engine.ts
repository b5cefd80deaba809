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
}

export interface MockEngine {
  engine: Engine;
  store: MemoryStore;
  clock: Clock;
}

/** The real engine over an in-memory store, seeded with the deterministic demo organizations. */
export async function createMockEngine({
  acmeUsers = 2000,
  // The BFF's defaults (HUB_DEMO_SEED=42): the mock shows the same demo as `npm start`.
  globexUsers = 150,
  seed = 42,
  clock = systemClock,
}: MockEngineOptions = {}): Promise<MockEngine> {
  const store = new MemoryStore();
  await seedDemo(store, { seed, acmeUsers, globexUsers, clock });
  const engine = createEngine({ store, clock });
  return { engine, store, clock };
}
