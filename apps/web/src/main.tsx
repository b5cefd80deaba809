import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppProviders } from './app/providers.tsx';
import { createQueryClient } from './app/query-client.ts';
import { createAppRoutes } from './app/router.tsx';

/** In `vite --mode mock`, msw answers /api from the in-browser engine before anything renders. */
async function startMocking(): Promise<void> {
  if (import.meta.env.MODE !== 'mock') return;
  const { startMockWorker } = await import('./mocks/browser.ts');
  await startMockWorker();
}

async function main(): Promise<void> {
  await startMocking();
  const queryClient = createQueryClient();
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
