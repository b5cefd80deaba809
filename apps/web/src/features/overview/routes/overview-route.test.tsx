import { USER_STATUSES, UserListQuery } from '@hybrid-hub/contract';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SEVERITY_LABEL } from '../../../components/alarm-severity-chip.tsx';
import { formatCount, formatNumber, formatPercent } from '../../../lib/format.ts';
import { renderApp } from '../../../testing/render.tsx';
import { letTimePass, ORG_ID, testEngine } from '../../../testing/test-server.ts';

/** The figure under a term of the activity chart's legend. */
function figureOf(term: string): string {
  const dt = screen.getByText(term, { selector: 'dt *' }).closest('dt')!;
  return dt.nextElementSibling!.textContent ?? '';
}

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

  it('shows active vs inactive users as a chart whose numbers are also said in words', async () => {
    const activity = await testEngine.engine.getUserActivity(ORG_ID);
    expect(activity.enabled).toBeGreaterThan(0);
    renderApp('/');

    const chart = await screen.findByRole('img', { name: /^Active vs inactive:/ });
    expect(chart).toHaveAccessibleName(
      `Active vs inactive: Active Message Service Users: ${formatNumber(activity.active)} (${formatPercent(activity.activePercent)}); Users not Active for 72 Hours or more: ${formatNumber(activity.inactive)} (${formatPercent(activity.inactivePercent)})`,
    );
    expect(
      screen.getByText(
        `Of ${formatCount(activity.enabled, 'user')} enabled for the Message Service`,
      ),
    ).toBeInTheDocument();
    expect(figureOf('Active Message Service Users')).toContain(
      `${formatNumber(activity.active)}${formatPercent(activity.activePercent)}`,
    );
    expect(figureOf('Users not Active for 72 Hours or more')).toContain(
      `${formatNumber(activity.inactive)}${formatPercent(activity.inactivePercent)}`,
    );
  });

  it('lists the open alarms most severe first and names the clusters that are not Operational', async () => {
    await letTimePass(); // the service raises alarms from the deployment's state as it runs
    const alarms = await testEngine.engine.listAlarms(ORG_ID, {
      state: 'open',
      page: 1,
      pageSize: 10,
    });
    expect(alarms.total).toBeGreaterThan(0);
    const { items } = await testEngine.engine.listClusters(ORG_ID);
    renderApp('/');

    const table = await screen.findByRole('table', { name: 'Open alarms' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(alarms.items.length);
    alarms.items.forEach((alarm, index) => {
      const row = rows[index]!;
      expect(row).toHaveTextContent(SEVERITY_LABEL[alarm.severity]);
      expect(within(row).getByRole('rowheader')).toHaveTextContent(alarm.title);
      expect(within(row).getByRole('link', { name: alarm.clusterName })).toHaveAttribute(
        'href',
        `/clusters/${alarm.clusterId}`,
      );
    });
    expect(screen.getByRole('link', { name: 'All alarms' })).toHaveAttribute('href', '/alarms');
    const open = items.reduce((sum, c) => sum + c.openAlarms, 0);
    expect(screen.getByTestId('service-health').parentElement).toHaveTextContent(
      formatCount(open, 'open alarm'),
    );

    // Outage before Degraded, each a link to its cluster.
    const unwell = items
      .filter((c) => c.health !== 'Operational')
      .sort((a, b) => (a.health === 'Outage' ? -1 : 0) - (b.health === 'Outage' ? -1 : 0));
    expect(unwell.length).toBeGreaterThan(0);
    const list = screen.getByRole('list', { name: 'Clusters not Operational' });
    const entries = within(list).getAllByRole('listitem');
    expect(entries.map((entry) => entry.textContent)).toEqual(
      unwell.map((c) => `${c.name}${c.health}`),
    );
  });
});
