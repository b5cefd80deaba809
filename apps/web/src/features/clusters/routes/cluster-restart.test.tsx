import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SEVERITY_LABEL } from '../../../components/alarm-severity-chip.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { renderApp } from '../../../testing/render.tsx';
import { letTimePass, ORG_ID, testEngine } from '../../../testing/test-server.ts';

const { engine } = testEngine;
const by = { orgId: ORG_ID, actor: 'Lab' };

/** The number under a term of the restart result's counts. */
function count(dialog: HTMLElement, term: string): string {
  const dt = within(dialog).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling!.textContent ?? '';
}

describe('Restart Message Connector', () => {
  it('asks first, then shows what the rediscovery found: new, removed, not discovered, versions', async () => {
    // On premises, meanwhile: a node added, one removed, one upgraded, one with AXL stopped.
    const deployment = await engine.getLabDeployment(ORG_ID);
    const americas = deployment.impClusters.find((c) => c.name === 'IM&P Americas')!;
    const [, upgraded, , axlDown] = americas.nodes;
    // A node with no sessions yet (nodes serving sessions cannot be removed), known to the
    // connector, then removed on premises.
    const withRemoved = await engine.addLabImpNode(by, americas.id, {
      address: 'cups-americas-08.acme.example',
    });
    const removed = withRemoved.impClusters
      .find((c) => c.id === americas.id)!
      .nodes.find((n) => n.address === 'cups-americas-08.acme.example');
    await engine.restartMessageConnector(by, 'acme-exp-americas');
    await engine.removeLabImpNode(by, removed!.id);
    await engine.addLabImpNode(by, americas.id, { address: 'cups-americas-09.acme.example' });
    await engine.updateLabImpNode(by, upgraded!.id, { version: '15.0.1.13000-1' });
    await engine.updateLabImpNode(by, axlDown!.id, { axlServiceRunning: false });

    const { user } = renderApp('/clusters/acme-exp-americas');
    await user.click(await screen.findByRole('button', { name: 'Restart Message Connector' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Restart Message Connector on Expressway Americas?',
    });
    expect(confirm).toHaveTextContent('The Message Connector stops briefly');
    await user.click(within(confirm).getByRole('button', { name: 'Restart' }));

    const result = await screen.findByRole('dialog', {
      name: 'Message Connector restarted on Expressway Americas',
    });
    expect(count(result, 'Newly discovered')).toBe('1');
    expect(count(result, 'Removed')).toBe('1');
    expect(count(result, 'Versions resynchronized')).toBe('1');
    const notDiscovered = within(result).getByRole('region', { name: 'Not discovered' });
    expect(count(result, 'Not discovered')).toBe(
      String(within(notDiscovered).getAllByRole('listitem').length),
    );
    expect(within(result).getByRole('region', { name: 'Newly discovered' })).toHaveTextContent(
      'cups-americas-09.acme.example',
    );
    expect(within(result).getByRole('region', { name: 'Removed' })).toHaveTextContent(
      removed!.address,
    );
    expect(notDiscovered).toHaveTextContent(
      `${axlDown!.address}: The Cisco AXL Web Service is not running on ${axlDown!.address}.`,
    );
    expect(
      within(result).getByRole('region', { name: 'Versions resynchronized' }),
    ).toHaveTextContent(`${upgraded!.address}: ${upgraded!.version} → 15.0.1.13000-1`);
    // The snackbar says it in one line too (its code may arrive a moment after the dialog's).
    expect(
      await screen.findByText(
        /^Message Connector restarted\. IM and Presence nodes: 1 discovered, 1 removed, \d+ not discovered; 1 version resynchronized\.$/,
      ),
    ).toBeInTheDocument();
    // Close has the focus: Enter or Escape leaves the result.
    expect(within(result).getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    // The page reads the cluster again: the new node is on its status page, the removed one not.
    const status = screen.getByRole('table', {
      name: 'Message Service Status (IM and Presence Nodes)',
    });
    await waitFor(() =>
      expect(within(status).getByText('cups-americas-09.acme.example')).toBeInTheDocument(),
    );
    expect(within(status).queryByText(removed!.address)).not.toBeInTheDocument();
  });

  it('says nothing changed when the rediscovery found nothing new, still with its four counts', async () => {
    // Singapore's IM and Presence nodes are all known, with their versions, AXL running.
    const { user } = renderApp('/clusters/acme-exp-singapore');
    await user.click(await screen.findByRole('button', { name: 'Restart Message Connector' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Restart' }),
    );
    const result = await screen.findByRole('dialog', {
      name: 'Message Connector restarted on Expressway Singapore',
    });
    for (const term of [
      'Newly discovered',
      'Removed',
      'Not discovered',
      'Versions resynchronized',
    ]) {
      expect(count(result, term)).toBe('0');
    }
    expect(result).toHaveTextContent(
      'Nothing changed: every IM and Presence node was already known, with its current version.',
    );
    expect(
      screen.getByText('Message Connector restarted: no IM and Presence node changed.'),
    ).toBeInTheDocument();
  });
});

describe('Open alarms on the cluster page', () => {
  it("lists the cluster's open alarms, most severe first, and links to the rest", async () => {
    await letTimePass(); // the service raises alarms from the deployment's state as it runs
    const alarms = await engine.listAlarms(ORG_ID, {
      state: 'open',
      clusterId: 'acme-exp-emea',
      page: 1,
      pageSize: 20,
    });
    expect(alarms.total).toBeGreaterThan(0);
    renderApp('/clusters/acme-exp-emea');

    const table = await screen.findByRole('table', { name: 'Open alarms' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(alarms.items.length);
    alarms.items.forEach((alarm, index) => {
      expect(rows[index]).toHaveTextContent(SEVERITY_LABEL[alarm.severity]);
      expect(within(rows[index]!).getByRole('rowheader')).toHaveTextContent(alarm.title);
      for (const node of alarm.nodes) expect(rows[index]).toHaveTextContent(node.name);
    });
    // The cluster's own page does not repeat its name on every alarm.
    expect(within(table).queryByRole('link', { name: 'Expressway EMEA' })).not.toBeInTheDocument();
    expect(screen.getByText(`${formatNumber(alarms.total)} open`)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Alarms of this cluster' })).toHaveAttribute(
      'href',
      '/alarms?clusterId=acme-exp-emea',
    );
  });
});
