import { USER_STATUSES, UserListQuery } from '@hybrid-hub/contract';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber } from '../../../lib/format.ts';
import { renderApp } from '../../../testing/render.tsx';
import { ORG_ID, testEngine } from '../../../testing/test-server.ts';

describe('Overview page', () => {
  it('counts users by status as the engine does, each tile linking to the filtered list', async () => {
    renderApp('/');
    const tiles = await screen.findByRole('list', { name: 'Users by status' });
    for (const status of USER_STATUSES) {
      const { total } = await testEngine.engine.listUsers(
        ORG_ID,
        UserListQuery.parse({ status, pageSize: 1 }),
      );
      const tile = within(tiles).getByTestId(`status-tile-${status}`);
      expect(tile).toHaveAttribute('href', `/users?status=${encodeURIComponent(status)}`);
      expect(await within(tile).findByText(formatNumber(total))).toBeInTheDocument();
    }
  });

  it('sums up the clusters in one health line and lists them at a glance', async () => {
    const { items } = await testEngine.engine.listClusters(ORG_ID);
    const nodes = items.reduce((sum, c) => sum + c.nodeCount, 0);
    const serving = items.reduce((sum, c) => sum + c.nodesServing, 0);
    renderApp('/');

    expect(
      await screen.findByText(
        `${formatCount(items.length, 'cluster')}, ${serving} of ${nodes} nodes serving`,
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Clusters at a glance' });
    for (const cluster of items) {
      expect(within(table).getByRole('link', { name: cluster.name })).toHaveAttribute(
        'href',
        `/clusters/${cluster.id}`,
      );
    }
  });
});
