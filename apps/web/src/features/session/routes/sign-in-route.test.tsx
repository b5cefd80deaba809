import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../testing/render.tsx';
import { mockSession } from '../../../testing/test-server.ts';

describe('Signing in', () => {
  it('sends a visitor without a session to the sign-in page, then back where they were going', async () => {
    mockSession.signInAs(undefined);
    const { user, router } = renderApp('/users?status=Error');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/users?status=Error')}`);

    await user.type(screen.getByLabelText(/Email/), 'support@acme.example');
    await user.type(screen.getByLabelText(/Password/), 'not-it');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const refused = await screen.findByRole('alert');
    expect(refused).toHaveTextContent('The email or password is not right.');
    // Support can find the attempt by its reference; nobody signed in gets no audit link.
    expect(refused).toHaveTextContent(/Reference: [0-9a-f]{8}…/);
    expect(within(refused).queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByLabelText(/Password/)).toHaveValue('');

    await user.type(screen.getByLabelText(/Password/), 'hybrid-demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/users');
    expect(router.state.location.search).toBe('?status=Error');
  });

  it('goes to the Overview when the link says to go to another site after signing in', async () => {
    mockSession.signInAs(undefined);
    const { user, router } = renderApp('/sign-in?next=/%5Cevil.example');
    await user.type(await screen.findByLabelText(/Email/), 'admin@acme.example');
    await user.type(screen.getByLabelText(/Password/), 'hybrid-demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });

  it('signs out from the account menu: the session ends and the sign-in page shows', async () => {
    const { user, router } = renderApp('/users');
    await user.click(await screen.findByRole('button', { name: 'Account: Acme Administrator' }));
    // The menu's code may still be loading: wait without a role query over the whole Users grid
    // on every try (each costs ~100 ms in jsdom).
    await waitFor(() => expect(document.querySelector('[role="menu"]')).not.toBeNull());
    const menu = screen.getByRole('menu');
    expect(within(menu).getByText('admin@acme.example')).toBeInTheDocument();
    expect(within(menu).getByText('Full administrator · Acme')).toBeInTheDocument();
    await user.click(within(menu).getByRole('menuitem', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(mockSession.admin).toBeUndefined();
  });

  it('goes back to the sign-in page when the session ends while the console is open', async () => {
    const { user, router } = renderApp('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
    mockSession.signInAs(undefined); // idle too long, or signed out in another tab
    await user.click(screen.getByRole('link', { name: 'Clusters' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    // Back to where the admin was, or was going when the 401 came.
    expect(router.state.location.search).toMatch(/^\?next=%2F(users|clusters)$/);
  });
});
