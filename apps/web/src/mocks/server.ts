import { setupServer } from 'msw/node';
import { createHandlers } from './handlers.ts';
import type { MockEngine } from './mock-engine.ts';

/** msw for Node (unit tests): the same handlers as the browser, over the given engine. */
export function createMockServer({ engine }: MockEngine, orgId = 'acme') {
  return setupServer(...createHandlers({ engine, orgId }));
}
