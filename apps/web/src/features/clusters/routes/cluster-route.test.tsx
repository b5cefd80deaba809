import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import { UserListQuery } from '@hybrid-hub/contract';
import { createFakeHubEvents } from '../../../testing/fake-event-source.ts';
import { renderApp } from '../../../testing/render.tsx';
import { letTimePass, ORG_ID, testEngine } from '../../../testing/test-server.ts';

function valueOfRow(name: string): string {
  const header = screen.getByRole('rowheader', { name });
  return header.closest('tr')!.querySelector('td')!.textContent ?? '';
}

/** A window narrower than MUI's `lg` (1,200 px): jsdom has no matchMedia of its own. */
function narrowWindow() {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: query.includes('max-width:1199.95px'),
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Cluster page', () => {
  it('shows the Message Service Status sections with the numbers the engine computed', async () => {
    const [first] = (await testEngine.engine.listClusters(ORG_ID)).items;
    const cluster = await testEngine.engine.getCluster(ORG_ID, first!.id);
    const totals = cluster.messageServiceStatus.userTotals;
    renderApp(`/clusters/${cluster.id}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: cluster.name }),
    ).toBeInTheDocument();
    for (const heading of [
      'Nodes',
      'Connectivity to Webex',
      'Message Service User Totals',
      'Message Service Status (IM and Presence Nodes)',
    ]) {
      expect(screen.getByRole('heading', { level: 2, name: heading })).toBeInTheDocument();
    }

    expect(valueOfRow('Users from connected IM and Presence clusters')).toBe(
      formatNumber(totals.usersFromConnectedImpClusters),
    );
    expect(valueOfRow('Users from all IM and Presence clusters (ICSA)')).toBe(
      `${formatNumber(totals.usersFromConnectedImpClusters)} of ${formatNumber(totals.usersFromAllImpClustersIcsa)}`,
    );
    expect(valueOfRow('Users Enabled for Hybrid Message Service')).toBe(
      formatNumber(totals.usersEnabled),
    );
    expect(valueOfRow('Active Message Service Users')).toBe(
      `${formatNumber(totals.activeUsers)} (${formatPercent(totals.activePercent)})`,
    );
    expect(valueOfRow('Users not Active for 72 Hours or more')).toBe(
      `${formatNumber(totals.inactiveUsers)} (${formatPercent(totals.inactivePercent)})`,
    );

    const impTable = screen.getByRole('table', {
      name: 'Message Service Status (IM and Presence Nodes)',
    });
    for (const column of [
      'Node',
      'Node Version',
      'Node Status',
      'Certificate validation',
      'Message Service Users from this Node',
      'Active Message Service Users',
      'Users not Active for 72 Hours or more',
    ]) {
      expect(within(impTable).getByRole('columnheader', { name: column })).toBeInTheDocument();
    }
    for (const row of cluster.messageServiceStatus.impNodes) {
      const cells = within(impTable)
        .getByRole('rowheader', { name: new RegExp(row.address) })
        .closest('tr')!;
      expect(within(cells).getByText(row.nodeVersion)).toBeInTheDocument();
      expect(cells).toHaveTextContent(formatNumber(row.messageServiceUsers));
    }

    const nodes = screen.getByRole('table', { name: 'Nodes' });
    for (const node of cluster.nodes) {
      expect(within(nodes).getByRole('rowheader', { name: node.hostname })).toBeInTheDocument();
    }
    for (const imp of cluster.impClusters) {
      expect(screen.getByRole('heading', { level: 3, name: imp.name })).toBeInTheDocument();
    }
  });

  it('says the cluster was not found, with a way back', async () => {
    renderApp('/clusters/no-such-cluster');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Cluster not found' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to clusters' })).toHaveAttribute(
      'href',
      '/clusters',
    );
  });

  it('shows each node as a block on a narrow window, with its state and its action in view', async () => {
    narrowWindow();
    const [first] = (await testEngine.engine.listClusters(ORG_ID)).items;
    const cluster = await testEngine.engine.getCluster(ORG_ID, first!.id);
    renderApp(`/clusters/${cluster.id}`);

    const nodes = await screen.findByRole('list', { name: 'Nodes' });
    expect(screen.queryByRole('table', { name: 'Nodes' })).not.toBeInTheDocument();
    for (const node of cluster.nodes) {
      const block = within(nodes).getByRole('listitem', { name: node.hostname });
      expect(
        within(block).getByRole('heading', { level: 3, name: node.hostname }),
      ).toBeInTheDocument();
      expect(block).toHaveTextContent(`Maintenance mode${node.maintenance}`);
      expect(block).toHaveTextContent(`Connectivity${node.connectivity}`);
      expect(
        within(block).getByRole('progressbar', {
          name: `${formatNumber(node.users)} of ${formatNumber(node.capacity)}`,
        }),
      ).toBeInTheDocument();
      expect(
        within(block).getByRole('button', {
          name: node.maintenance === 'Off' ? 'Enter maintenance mode' : 'Exit maintenance mode',
        }),
      ).toBeInTheDocument();
    }
  });

  it('follows users.changed: activations change the totals on screen without a reload', async () => {
    const { engine } = testEngine;
    const cluster = (await engine.listClusters(ORG_ID)).items[0]!;
    const { events, sources } = createFakeHubEvents();
    renderApp(`/clusters/${cluster.id}`, { events });
    await screen.findByRole('heading', { level: 1, name: cluster.name });
    sources[0]!.open();
    const before = (await engine.getCluster(ORG_ID, cluster.id)).messageServiceStatus.userTotals;
    expect(valueOfRow('Users Enabled for Hybrid Message Service')).toBe(
      formatNumber(before.usersEnabled),
    );

    // Switch on users until one lands on this cluster (a Pending user is not counted yet).
    const { items } = await engine.listUsers(
      ORG_ID,
      UserListQuery.parse({ status: 'Not activated', pageSize: 100 }),
    );
    const by = { orgId: ORG_ID, actor: 'Test administrator' };
    for (const user of items) await engine.setMessageService(by, user.id, true);
    await letTimePass();
    const after = (await engine.getCluster(ORG_ID, cluster.id)).messageServiceStatus.userTotals;
    expect(after.usersEnabled).toBeGreaterThan(before.usersEnabled);

    sources[0]!.send({ type: 'users.changed', users: [] });
    await vi.waitFor(
      () =>
        expect(valueOfRow('Users Enabled for Hybrid Message Service')).toBe(
          formatNumber(after.usersEnabled),
        ),
      { timeout: 3000 },
    );
  });
});
