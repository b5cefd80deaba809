import { ManualClock } from '@hybrid-hub/engine';
import { createMockEngine, runDueWorkUntilIdle } from '../mocks/mock-engine.ts';
import { defaultAdmin, MockSession } from '../mocks/mock-session.ts';
import { createMockServer } from '../mocks/server.ts';

const clock = new ManualClock();

/**
 * The engine behind the tests' API: small and deterministic (same seed, fixed clock), so a test
 * can ask it what the screen should show. One per test file (vitest isolates files).
 */
export const testEngine = await createMockEngine({
  acmeUsers: 200,
  globexUsers: 20,
  seed: 7,
  clock,
});

export const ORG_ID = 'acme';

/**
 * Who is signed in to the tests' API: Acme's Full administrator, unless a test signs in as
 * another demo account (`mockSession.signInAs('support@acme.example')`); reset after each test.
 */
export const mockSession = new MockSession(defaultAdmin(ORG_ID));

export const server = createMockServer(testEngine, mockSession);

/**
 * Lets time pass in the engine, as the BFF's loop would: the clock moves on by `ms` (by default
 * one activation delay) and the work then due is done — activations, job slices. Nothing runs
 * by itself in the tests: a test calls this when it wants Pending users to settle.
 */
export async function letTimePass(ms = testEngine.activationDelayMs): Promise<void> {
  clock.advance(ms);
  await runDueWorkUntilIdle(testEngine.engine);
}

/** Lets time pass until a bulk job has applied every item and every user has an outcome. */
export async function settleEverything(rounds = 10): Promise<void> {
  for (let round = 0; round < rounds; round += 1) await letTimePass();
}
