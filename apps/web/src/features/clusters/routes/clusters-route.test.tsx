import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../lib/format.ts';
import { renderApp } from '../../../testing/render.tsx';
import { ORG_ID, testEngine } from '../../../testing/test-server.ts';

describe('Clusters page', () => {
  it('lists every cluster with its health, nodes serving and users vs capacity', async () => {
    const { items } = await testEngine.engine.listClusters(ORG_ID);
    expect(items.length).toBeGreaterThan(0);
    renderApp('/clusters');

    const list = await screen.findByRole('list', { name: 'Expressway clusters' });
    for (const cluster of items) {
      const card = within(list).getByRole('link', { name: new RegExp(cluster.name) });
      expect(card).toHaveAttribute('href', `/clusters/${cluster.id}`);
      expect(within(card).getByText(cluster.health)).toBeInTheDocument();
      expect(
        within(card).getByText(`${cluster.nodesServing} of ${cluster.nodeCount} nodes serving`),
      ).toBeInTheDocument();
      expect(
        within(card).getByText(
          `${formatNumber(cluster.users)} of ${formatNumber(cluster.capacity)} users`,
        ),
      ).toBeInTheDocument();
    }
  });
});
