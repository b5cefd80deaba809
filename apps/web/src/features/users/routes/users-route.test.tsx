import { UserListQuery } from '@hybrid-hub/contract';
import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber } from '../../../lib/format.ts';
import { problemResponse, withRequestId } from '../../../mocks/handlers.ts';
import { renderApp } from '../../../testing/render.tsx';
import { ORG_ID, server, testEngine } from '../../../testing/test-server.ts';

const listUsers = (input: Record<string, unknown> = {}) =>
  testEngine.engine.listUsers(ORG_ID, UserListQuery.parse(input));

function statusCells(grid: HTMLElement): HTMLElement[] {
  return Array.from(grid.querySelectorAll<HTMLElement>('[role="gridcell"][data-field="status"]'));
}

describe('Users page', () => {
  it('shows the total and the first page of users', async () => {
    const expected = await listUsers();
    renderApp('/users');

    expect(await screen.findByText(formatCount(expected.total, 'user'))).toBeInTheDocument();
    const grid = screen.getByRole('grid', { name: 'Users' });
    expect(await within(grid).findByText(expected.items[0]!.email)).toBeInTheDocument();
    for (const user of expected.items.slice(0, 10)) {
      expect(within(grid).getByText(user.email)).toBeInTheDocument();
    }
    expect(statusCells(grid)).toHaveLength(expected.items.length);
    expect(within(grid).getByRole('checkbox', { name: 'Select all rows' })).toBeInTheDocument();
    const headers = within(grid)
      .getAllByRole('columnheader')
      .map((header) => header.textContent)
      .filter(Boolean);
    expect(headers).toEqual([
      'Name',
      'Email',
      'Message Service status',
      'Cluster / node',
      'Last activity',
    ]);
  });

  it('narrows the list to the user whose email is searched, and keeps it in the URL', async () => {
    const { items } = await listUsers();
    // Search matches word prefixes: pick a user whose email no other user's words also match.
    let target = items[items.length - 1]!;
    for (const candidate of [...items].reverse()) {
      if ((await listUsers({ q: candidate.email })).total === 1) {
        target = candidate;
        break;
      }
    }
    const { user, router } = renderApp('/users');
    const grid = await screen.findByRole('grid', { name: 'Users' });
    await within(grid).findByText(items[0]!.email);

    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), target.email);

    await waitFor(() => expect(within(grid).queryByText(items[0]!.email)).not.toBeInTheDocument());
    expect(within(grid).getByText(target.email)).toBeInTheDocument();
    expect(statusCells(grid)).toHaveLength(1);
    expect(screen.getByText('1 user')).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe(target.email);
  });

  it('shows only users in Error when the Status filter is Error', async () => {
    const errors = await listUsers({ status: 'Error' });
    expect(errors.total, 'the demo seed has users in Error').toBeGreaterThan(0);
    const { user, router } = renderApp('/users');
    const grid = await screen.findByRole('grid', { name: 'Users' });

    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Error' }));

    expect(await screen.findByText(formatCount(errors.total, 'user'))).toBeInTheDocument();
    await waitFor(() => expect(statusCells(grid)).toHaveLength(errors.items.length));
    for (const cell of statusCells(grid)) expect(cell).toHaveTextContent(/^Error/);
    expect(router.state.location.search).toBe('?status=Error');
  });

  it('reads its filters from the URL, and offers to clear them when nothing matches', async () => {
    const { user } = renderApp('/users?q=zzzz-nobody&status=Active');
    expect(
      await screen.findByText('No users match “zzzz-nobody” and status Active'),
    ).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search users' })).toHaveValue('zzzz-nobody');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    const { total } = await listUsers();
    expect(await screen.findByText(formatCount(total, 'user'))).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search users' })).toHaveValue('');
  });

  it('shows the problem and a Retry button when the API fails, and recovers on Retry', async () => {
    server.use(
      http.get('*/api/v1/users', () =>
        problemResponse(500, 'internal_error', 'The user directory is unavailable.'),
      ),
    );
    const { user } = renderApp('/users');

    expect(await screen.findByText('Something went wrong')).toBeInTheDocument();
    expect(screen.getByText('The user directory is unavailable.')).toBeInTheDocument();
    // A problem that names no request has no reference to quote.
    expect(screen.getByRole('alert')).not.toHaveTextContent('Reference');

    server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Retry' }));

    const { total } = await listUsers();
    expect(await screen.findByText(formatCount(total, 'user'))).toBeInTheDocument();
  });

  it('names the request that failed, for the admin to quote to support', async () => {
    const requestId = 'a1b2c3d4-0000-4000-8000-0123456789ab';
    server.use(
      http.get('*/api/v1/users', () =>
        withRequestId(problemResponse(503, 'internal_error', 'Try again shortly.'), requestId),
      ),
    );
    const { user } = renderApp('/users');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Try again shortly.');
    expect(alert).toHaveTextContent('Reference: a1b2c3d4…');
    expect(alert).not.toHaveTextContent(requestId);
    await user.click(within(alert).getByRole('button', { name: `Copy request id ${requestId}` }));
    expect(await navigator.clipboard.readText()).toBe(requestId);
  });

  it('gives no reference when the server could not be reached', async () => {
    server.use(http.get('*/api/v1/users', () => HttpResponse.error()));
    renderApp('/users');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Cannot reach the server');
    expect(alert).not.toHaveTextContent('Reference');
  });

  it('opens the user page when a row is clicked', async () => {
    const { items } = await listUsers();
    const { user, router } = renderApp('/users');
    const grid = await screen.findByRole('grid', { name: 'Users' });

    await user.click(await within(grid).findByText(items[0]!.email));

    // The route's chunk loads first; wait on the address (cheap) before the page's heading.
    await waitFor(() => expect(router.state.location.pathname).toBe(`/users/${items[0]!.id}`));
    expect(
      await screen.findByRole('heading', { level: 1, name: items[0]!.displayName }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/users/${items[0]!.id}`);
  });

  it('opens the user page when Enter is pressed on a row', async () => {
    const { items } = await listUsers();
    const { user, router } = renderApp('/users');
    const grid = await screen.findByRole('grid', { name: 'Users' });
    const cell = (await within(grid).findByText(items[1]!.email)).closest<HTMLElement>(
      '[role="gridcell"]',
    )!;

    act(() => cell.focus());
    await user.keyboard('{Enter}');

    await waitFor(() => expect(router.state.location.pathname).toBe(`/users/${items[1]!.id}`));
    expect(
      await screen.findByRole('heading', { level: 1, name: items[1]!.displayName }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/users/${items[1]!.id}`);
  });

  it('moves to the next page with the keyset cursor', async () => {
    const first = await listUsers({ pageSize: 25 });
    const second = await listUsers({
      pageSize: 25,
      cursor: first.nextCursor ?? undefined,
      page: 2,
    });
    const { user, router } = renderApp('/users?pageSize=25');
    const grid = await screen.findByRole('grid', { name: 'Users' });
    await within(grid).findByText(first.items[0]!.email);

    await user.click(screen.getByRole('button', { name: /next page/i }));

    expect(await within(grid).findByText(second.items[0]!.email)).toBeInTheDocument();
    expect(router.state.location.search).toBe('?page=2&pageSize=25');
    expect(router.state.location.state).toEqual({ cursor: first.nextCursor });
  });

  it('moves back to the previous page with its keyset cursor', async () => {
    const first = await listUsers({ pageSize: 25 });
    const second = await listUsers({ pageSize: 25, page: 2, cursor: first.nextCursor ?? '' });
    const { user, router } = renderApp('/users?pageSize=25');
    const grid = await screen.findByRole('grid', { name: 'Users' });
    await within(grid).findByText(first.items[0]!.email);
    await user.click(screen.getByRole('button', { name: /next page/i }));
    await within(grid).findByText(second.items[0]!.email);

    await user.click(screen.getByRole('button', { name: /previous page/i }));

    expect(await within(grid).findByText(first.items[0]!.email)).toBeInTheDocument();
    expect(router.state.location.search).toBe('?pageSize=25');
    expect(router.state.location.state).toEqual({ cursor: second.prevCursor });
  });

  it('counts users by status at the top; a count filters the list', async () => {
    const counts = await testEngine.engine.getUserStatusCounts(ORG_ID);
    const { user, router } = renderApp('/users');
    const bar = await screen.findByRole('list', { name: 'Users by status' });
    const all = within(bar).getByRole('button', { name: /^All users/ });
    await waitFor(() => expect(all).toHaveTextContent(formatNumber(counts.total)));
    expect(all).toHaveAttribute('aria-pressed', 'true');

    const error = within(bar).getByRole('button', { name: /^Error/ });
    expect(error).toHaveTextContent(formatNumber(counts.byStatus.Error ?? 0));
    await user.click(error);

    await waitFor(() => expect(error).toHaveAttribute('aria-pressed', 'true'));
    expect(router.state.location.search).toBe('?status=Error');
    expect(
      await screen.findByText(formatCount(counts.byStatus.Error ?? 0, 'user')),
    ).toBeInTheDocument();
  });

  it('offers Export CSV of what the filter shows, as a download link', async () => {
    renderApp('/users?status=Error&q=smith');
    const link = await screen.findByRole('link', { name: 'Export CSV' });
    expect(link).toHaveAttribute('href', '/api/v1/users/export.csv?q=smith&status=Error');
    expect(link).toHaveAttribute('download');
  });
});
