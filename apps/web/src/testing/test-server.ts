import { ManualClock } from '@hybrid-hub/engine';
import { createMockEngine } from '../mocks/mock-engine.ts';
import { createMockServer } from '../mocks/server.ts';

/**
 * The engine behind the tests' API: small and deterministic (same seed, fixed clock), so a test
 * can ask it what the screen should show. One per test file (vitest isolates files).
 */
export const testEngine = await createMockEngine({
  acmeUsers: 200,
  globexUsers: 20,
  seed: 7,
  clock: new ManualClock(),
});

export const ORG_ID = 'acme';

export const server = createMockServer(testEngine, ORG_ID);
