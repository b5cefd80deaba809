import { setupServer } from 'msw/node';
import { createHandlers } from './handlers.ts';
import type { MockEngine } from './mock-engine.ts';
import type { MockSession } from './mock-session.ts';

/** msw for Node (unit tests): the same handlers as the browser, over the given engine. */
export function createMockServer({ engine }: MockEngine, session: MockSession) {
  return setupServer(...createHandlers({ engine, session }));
}
