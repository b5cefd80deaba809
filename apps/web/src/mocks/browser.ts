import { setupWorker } from 'msw/browser';
import { createHandlers } from './handlers.ts';
import { createMockEngine, startDueWorkLoop } from './mock-engine.ts';

/** `vite --mode mock`: the service worker answers /api from the engine running in this tab. */
export async function startMockWorker(): Promise<void> {
  const { engine } = await createMockEngine({ acmeUsers: 2000 });
  const worker = setupWorker(...createHandlers({ engine }));
  await worker.start({
    onUnhandledRequest: (request, print) => {
      // Only the API is mocked; the app's own files and fonts go to the dev server.
      if (new URL(request.url).pathname.startsWith('/api/')) print.error();
    },
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: true,
  });
  // As the BFF's loop does: activations finish and bulk jobs move on while the tab is open.
  startDueWorkLoop(engine);
}
