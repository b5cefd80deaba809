import { QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '../testing/render.tsx';
import { ChunkLoadError } from '../lib/load-chunk.ts';
import { AppProviders } from './providers.tsx';
import { RouteErrorBoundary } from './routes/route-error-boundary.tsx';

/** One route of a test's own, inside the app's providers. */
function renderRoute(route: RouteObject) {
  render(
    <AppProviders queryClient={new QueryClient()}>
      <RouterProvider router={createMemoryRouter([route])} />
    </AppProviders>,
  );
}

describe('App shell and routes', () => {
  it('shows the product, the organization and the navigation', async () => {
    renderApp('/clusters');
    expect(await screen.findByText('Hybrid Hub')).toBeInTheDocument();
    expect(await screen.findByText('Acme')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    for (const name of ['Overview', 'Users', 'Clusters']) {
      expect(screen.getByRole('link', { name })).toBeInTheDocument();
    }
    expect(await screen.findByRole('heading', { level: 1, name: 'Clusters' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Clusters' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Overview' })).not.toHaveAttribute('aria-current');
  });

  it('navigates with the drawer links', async () => {
    const { user, router } = renderApp('/');
    await user.click(await screen.findByRole('link', { name: 'Clusters' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Clusters' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/clusters');
  });

  it('shows a friendly page for an unknown address', async () => {
    renderApp('/no/such/page');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to Overview' })).toHaveAttribute('href', '/');
  });

  it('turns a crash in a screen into a recoverable message', async () => {
    // React reports the caught error on console.error; here that is the point of the test.
    vi.mocked(console.error).mockImplementation(() => {});
    function Broken(): never {
      throw new Error('Broken screen');
    }
    renderRoute({ path: '/', element: <Broken />, errorElement: <RouteErrorBoundary /> });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Something went wrong' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Broken screen')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('explains a screen whose code did not download in words, with Reload', async () => {
    vi.mocked(console.error).mockImplementation(() => {});
    renderRoute({
      path: '/',
      errorElement: <RouteErrorBoundary />,
      lazy: () =>
        Promise.reject(
          new ChunkLoadError('Part of the console could not be downloaded.', {
            cause: new TypeError('Failed to fetch dynamically imported module: /assets/x.js'),
          }),
        ),
    });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This page could not be loaded' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      /connection to the server may have dropped/,
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    expect(screen.queryByText(/Failed to fetch/)).not.toBeInTheDocument();
  });
});
