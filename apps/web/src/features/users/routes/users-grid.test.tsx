import { UserListQuery } from '@hybrid-hub/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../testing/render.tsx';
import { ORG_ID, testEngine } from '../../../testing/test-server.ts';

const listUsers = (input: Record<string, unknown> = {}) =>
  testEngine.engine.listUsers(ORG_ID, UserListQuery.parse(input));

async function showGrid(url: string) {
  const rendered = renderApp(url);
  const grid = await screen.findByRole('grid', { name: 'Users' });
  await waitFor(() => expect(grid).toHaveAttribute('aria-busy', 'false'));
  return { ...rendered, grid };
}

describe('Users grid, by keyboard and screen reader', () => {
  it('is one stop in the tab order; arrow keys move between cells and Enter opens the user', async () => {
    const { items } = await listUsers({ pageSize: 25 });
    const { user, grid, router } = await showGrid('/users?pageSize=25');

    const stops = grid.querySelectorAll('[tabindex="0"]');
    expect(stops).toHaveLength(1);
    const [stop] = stops as NodeListOf<HTMLElement>;
    expect(stop).toHaveAttribute('role', 'columnheader');
    stop!.focus();

    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}');
    const cell = document.activeElement as HTMLElement;
    expect(cell).toHaveAttribute('role', 'gridcell');
    expect(cell).toHaveTextContent(items[1]!.displayName);
    // The tab stop follows the focus: Tab leaves the grid from here and comes back here.
    expect(grid.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    expect(cell).toHaveAttribute('tabindex', '0');

    await user.keyboard('{End}');
    expect(document.activeElement).toHaveAttribute('data-field', 'lastActivity');
    await user.keyboard('{Home}');
    expect(document.activeElement).toHaveAttribute('data-field', 'select');

    await user.keyboard('{ArrowRight}{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/users/${items[1]!.id}`));
  });

  it('selects a row with Space and sorts by a column with Enter on its header, saying so', async () => {
    const { user, grid, router } = await showGrid('/users?pageSize=25');
    const rows = within(grid).getAllByRole('row');
    expect(grid).toHaveAttribute('aria-multiselectable', 'true');

    const selectCell = within(rows[1]!).getAllByRole('gridcell')[0]!;
    selectCell.focus();
    await user.keyboard(' ');
    expect(rows[1]).toHaveAttribute('aria-selected', 'true');
    expect(within(rows[1]!).getByRole('checkbox', { name: 'Select row' })).toBeChecked();
    expect(screen.getByText('1 user selected')).toBeInTheDocument();

    const email = within(grid).getByRole('columnheader', { name: 'Email' });
    expect(email).not.toHaveAttribute('aria-sort');
    expect(within(grid).getByRole('columnheader', { name: 'Name' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    email.focus();
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(within(grid).getByRole('columnheader', { name: 'Email' })).toHaveAttribute(
        'aria-sort',
        'ascending',
      ),
    );
    expect(router.state.location.search).toBe('?sort=email&pageSize=25');
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(within(grid).getByRole('columnheader', { name: 'Email' })).toHaveAttribute(
        'aria-sort',
        'descending',
      ),
    );
    expect(router.state.location.search).toBe('?sort=-email&pageSize=25');
  });

  it('tells a screen reader how many rows there are and where each row stands', async () => {
    const { total } = await listUsers({ pageSize: 25 });
    const { grid } = await showGrid('/users?page=3&pageSize=25');
    expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));
    const rows = within(grid).getAllByRole('row');
    expect(rows[0]).toHaveAttribute('aria-rowindex', '1');
    // Page 3 of 25 a page starts at the 51st user, the grid's 52nd row (the header is the 1st).
    expect(rows[1]).toHaveAttribute('aria-rowindex', '52');
    expect(rows.at(-1)).toHaveAttribute('aria-rowindex', '76');
  });
});
