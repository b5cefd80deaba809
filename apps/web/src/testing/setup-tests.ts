import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { mockSession, ORG_ID, server } from './test-server.ts';
import { defaultAdmin } from '../mocks/mock-session.ts';

// The first render of a file also transforms the lazy route chunks (the grid is large), and
// every query over the Users grid's DOM costs ~100 ms in jsdom: give waits room.
configure({ asyncUtilTimeout: 10_000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  mockSession.signInAs(defaultAdmin(ORG_ID)?.email);
  // The Users page keeps its followed job for the tab's session: not from one test to the next.
  sessionStorage.clear();
});
afterAll(() => server.close());

// A test that logs console.error fails (epic-stack): React warnings are bugs too.
let consoleErrors: unknown[][] = [];
beforeEach(() => {
  consoleErrors = [];
  const original = console.error;
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
    original(...args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  expect(consoleErrors, 'console.error was called during the test').toEqual([]);
});
