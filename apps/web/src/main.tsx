import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppProviders } from './app/providers.tsx';
import { createQueryClient } from './app/query-client.ts';
import { createAppRoutes } from './app/router.tsx';
import { loadScreenTheme } from './app/with-screen-theme.tsx';
import { sessionQuery } from './lib/session.ts';

/** In `vite --mode mock`, msw answers /api from the in-browser engine before anything renders. */
async function startMocking(): Promise<void> {
  if (import.meta.env.MODE !== 'mock') return;
  const { startMockWorker } = await import('./mocks/browser.ts');
  await startMockWorker();
}

async function main(): Promise<void> {
  // MUI and the theme, beside the shell's own download: every screen needs them.
  void loadScreenTheme();
  await startMocking();
  const queryClient = createQueryClient();
  // Who is signed in, asked at once: every screen's loader and the shell wait for it, and it
  // then arrives while the first screen's code downloads instead of after it.
  void queryClient.prefetchQuery(sessionQuery);
  const router = createBrowserRouter(createAppRoutes(queryClient));
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
}

void main();
