import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SEVERITY_LABEL } from '../../../components/alarm-severity-chip.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { createFakeHubEvents } from '../../../testing/fake-event-source.ts';
import { renderApp } from '../../../testing/render.tsx';
import { letTimePass, ORG_ID, testEngine } from '../../../testing/test-server.ts';

const { engine } = testEngine;
const by = { orgId: ORG_ID, actor: 'Lab' };

function alarmRows(name: string): HTMLElement[] {
  return within(screen.getByRole('table', { name })).getAllByRole('row').slice(1);
}

describe('Alarms page', () => {
  it('lists the open alarms most severe first, each with where and since when, and filters by cluster', async () => {
    await letTimePass(); // the service raises alarms from the deployment's state as it runs
    const open = await engine.listAlarms(ORG_ID, { state: 'open', page: 1, pageSize: 25 });
    expect(open.total).toBeGreaterThan(1);
    const { user, router } = renderApp('/alarms');

    await screen.findByRole('table', { name: 'Open alarms' });
    const rows = alarmRows('Open alarms');
    expect(rows).toHaveLength(open.items.length);
    open.items.forEach((alarm, index) => {
      const row = rows[index]!;
      expect(row).toHaveTextContent(SEVERITY_LABEL[alarm.severity]);
      expect(within(row).getByRole('rowheader')).toHaveTextContent(`${alarm.title}${alarm.detail}`);
      expect(within(row).getByRole('link', { name: alarm.clusterName })).toBeInTheDocument();
      expect(row).toHaveTextContent(`First seen${formatDateTime(alarm.firstSeen)}`);
      expect(row).toHaveTextContent(`Last seen${formatDateTime(alarm.lastSeen)}`);
    });
    expect(screen.getByText(`1–${open.total} of ${open.total} open alarms`)).toBeInTheDocument();

    // The cluster filter says "All clusters" until one is picked; the pick lands in the URL.
    const filter = screen.getByRole('combobox', { name: 'Cluster' });
    expect(filter).toHaveTextContent('All clusters');
    const emea = open.items.find((a) => a.clusterName === 'Expressway EMEA')!;
    await user.click(filter);
    await user.click(await screen.findByRole('option', { name: 'Expressway EMEA' }));
    await waitFor(() => expect(router.state.location.search).toBe(`?clusterId=${emea.clusterId}`));
    const ofEmea = open.items.filter((a) => a.clusterId === emea.clusterId);
    await waitFor(() => expect(alarmRows('Open alarms')).toHaveLength(ofEmea.length));
  });

  it('shows an alarm resolved meanwhile on alarms.changed, with when it was resolved', async () => {
    const { events, sources } = createFakeHubEvents();
    renderApp('/alarms?state=resolved', { events });
    expect(await screen.findByText('No resolved alarms')).toBeInTheDocument();
    sources[0]!.open();

    // The Singapore node that stopped answering comes back: its alarm is resolved.
    const singapore = await engine.getCluster(ORG_ID, 'acme-exp-singapore');
    const failed = singapore.nodes.find((n) => n.messageConnector === 'Not responding')!;
    await engine.updateLabNode(by, failed.id, { reachable: true });
    await letTimePass();
    const resolved = await engine.listAlarms(ORG_ID, { state: 'resolved', page: 1, pageSize: 25 });
    expect(resolved.total).toBeGreaterThan(0);
    const open = await engine.listAlarms(ORG_ID, { state: 'open', page: 1, pageSize: 1 });
    sources[0]!.send({ type: 'alarms.changed', open: open.total });

    await screen.findByRole('table', { name: 'Resolved alarms' });
    const rows = alarmRows('Resolved alarms');
    expect(rows).toHaveLength(resolved.items.length);
    const alarm = resolved.items[0]!;
    expect(rows[0]).toHaveTextContent(alarm.title);
    expect(rows[0]).toHaveTextContent(`Resolved${formatDateTime(alarm.resolvedAt!)}`);
    expect(within(rows[0]!).getByRole('link', { name: 'Expressway Singapore' })).toHaveAttribute(
      'href',
      '/clusters/acme-exp-singapore',
    );
  });
});
