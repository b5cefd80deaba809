import type { ConnectorNode } from '@hybrid-hub/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatNumber } from '../../../lib/format.ts';
import { problemResponse } from '../../../mocks/handlers.ts';
import { renderApp } from '../../../testing/render.tsx';
import { letTimePass, ORG_ID, server, testEngine } from '../../../testing/test-server.ts';

/**
 * Maintenance mode as an admin does it on the cluster page. The tests share one engine (one per
 * file), so each works on its own cluster or node: EMEA for entering, progress and cancelling,
 * Americas for the last node and force, Singapore for a node changed while the admin decides.
 */

const { engine } = testEngine;
const by = { orgId: ORG_ID, actor: 'Another administrator' };

async function nodeOf(clusterId: string, n: number): Promise<ConnectorNode> {
  const node = (await engine.getCluster(ORG_ID, clusterId)).nodes[n];
  if (!node) throw new Error(`${clusterId} has no node ${n + 1}`);
  return node;
}

async function openCluster(clusterId: string) {
  const rendered = renderApp(`/clusters/${clusterId}`);
  await screen.findByRole('table', { name: 'Nodes' });
  return rendered;
}

/** The node's row, also behind an open dialog (which hides the page from assistive technology). */
function nodeRow(hostname: string): HTMLElement {
  const nodes = screen.getByRole('table', { name: 'Nodes', hidden: true });
  return within(nodes).getByRole('rowheader', { name: hostname, hidden: true }).closest('tr')!;
}

describe('Maintenance mode on the cluster page', () => {
  it('shows the impact before entering, then the move: users left, moved so far and the time left; exiting cancels it', async () => {
    const node = await nodeOf('acme-exp-emea', 0);
    const preview = await engine.previewMaintenance(ORG_ID, node.id);
    expect(preview.usersMoving).toBeGreaterThan(0);
    expect(preview.requiresForce).toBe(false);
    const { user } = await openCluster('acme-exp-emea');
    expect(within(nodeRow(node.hostname)).getByText('Off')).toBeInTheDocument();

    await user.click(
      within(nodeRow(node.hostname)).getByRole('button', { name: 'Enter maintenance mode' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Enter maintenance mode on ${node.hostname}?`,
    });
    // The safe choice has the focus: Enter on the keyboard does not start a move.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    const where = await within(dialog).findByRole('table', { name: 'Where the users go' });
    expect(within(dialog).getByTestId('maintenance-summary')).toHaveTextContent(
      `${formatCount(preview.usersMoving, 'user')} move to the other nodes of this cluster at ${formatNumber(preview.ratePerMinute)} users a minute: ${formatDuration(preview.estimatedSeconds)}.`,
    );
    expect(within(where).getAllByRole('row')).toHaveLength(preview.targets.length + 1);
    for (const target of preview.targets) {
      const cells = within(where).getByRole('rowheader', { name: target.hostname }).closest('tr')!;
      const [moving, now] = within(cells).getAllByRole('cell');
      expect(moving).toHaveTextContent(formatNumber(target.usersAfter - target.usersBefore));
      expect(now).toHaveTextContent(formatNumber(target.usersBefore));
      expect(
        within(cells).getByRole('progressbar', {
          name: `${formatNumber(target.usersAfter)} of ${formatNumber(target.capacity)}`,
        }),
      ).toHaveAttribute('data-tone', 'success');
    }

    await user.click(within(dialog).getByRole('button', { name: 'Enter maintenance mode' }));
    expect(
      await screen.findByText(
        `${node.hostname} is entering maintenance mode: ${formatCount(preview.usersMoving, 'user')} to move.`,
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect((await nodeOf('acme-exp-emea', 0)).maintenance).toBe('Entering maintenance mode');
    await waitFor(() =>
      expect(
        within(nodeRow(node.hostname)).getByText('Entering maintenance mode'),
      ).toBeInTheDocument(),
    );
    const progress = screen.getByRole('region', {
      name: `Maintenance progress of ${node.hostname}`,
    });
    expect(progress).toHaveTextContent(`${formatCount(preview.usersMoving, 'user')} left`);
    expect(progress).toHaveTextContent(`0 of ${formatNumber(preview.usersMoving)} moved so far`);
    expect(progress).toHaveTextContent(
      `Estimated time: ${formatDuration(preview.estimatedSeconds)} left at ${formatNumber(preview.ratePerMinute)} users a minute`,
    );
    expect(
      within(progress).getByRole('progressbar', { name: `Users moved off ${node.hostname}` }),
    ).toHaveAttribute('aria-valuenow', '0');

    // A little time at the rate moves some of them; the page follows by itself.
    await letTimePass(600);
    const moving = (await nodeOf('acme-exp-emea', 0)).maintenanceProgress!;
    expect(moving.usersMoved).toBeGreaterThan(0);
    expect(moving.usersLeft).toBeGreaterThan(0);
    await waitFor(
      () => expect(progress).toHaveTextContent(`${formatCount(moving.usersLeft, 'user')} left`),
      { timeout: 5000 },
    );
    expect(progress).toHaveTextContent(
      `${formatNumber(moving.usersMoved)} of ${formatNumber(moving.usersAtStart)} moved so far`,
    );

    // Exit while entering: the dialog says it cancels the move, and what stays where.
    await user.click(
      within(nodeRow(node.hostname)).getByRole('button', { name: 'Exit maintenance mode' }),
    );
    const exit = await screen.findByRole('dialog', {
      name: `Exit maintenance mode on ${node.hostname}?`,
    });
    expect(exit).toHaveTextContent('This cancels the move.');
    expect(exit).toHaveTextContent(
      `${formatCount(moving.usersMoved, 'user')} moved so far stay on their new nodes; ${formatCount(moving.usersLeft, 'user')} stay on this one.`,
    );
    await user.click(within(exit).getByRole('button', { name: 'Exit maintenance mode' }));

    expect(
      await screen.findByText(`The move off ${node.hostname} is cancelled: it is serving again.`),
    ).toBeInTheDocument();
    const after = await nodeOf('acme-exp-emea', 0);
    expect(after.maintenance).toBe('Off');
    expect(after.users).toBe(moving.usersLeft);
    await waitFor(() =>
      expect(within(nodeRow(node.hostname)).getByText('Off')).toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('region', { name: `Maintenance progress of ${node.hostname}` }),
    ).not.toBeInTheDocument();
  });

  it('says why a move has stopped, with no time estimate, when the other nodes go down', async () => {
    const node = await nodeOf('acme-exp-emea', 2);
    await engine.setMaintenance(by, node.id, { action: 'enter' }, node.revision);
    await letTimePass(300);
    const others = (await engine.getCluster(ORG_ID, 'acme-exp-emea')).nodes.filter(
      (other) => other.id !== node.id,
    );
    for (const other of others) await engine.updateLabNode(by, other.id, { reachable: false });
    await letTimePass(300);
    const stuck = (await nodeOf('acme-exp-emea', 2)).maintenanceProgress!;
    expect(stuck.stuckReason).not.toBeNull();

    await openCluster('acme-exp-emea');
    const progress = screen.getByRole('region', {
      name: `Maintenance progress of ${node.hostname}`,
    });
    expect(progress).toHaveTextContent(`${formatCount(stuck.usersLeft, 'user')} left`);
    expect(progress).toHaveTextContent('Estimated time: none while the move is stopped');
    expect(within(progress).getByRole('alert')).toHaveTextContent(
      `The move has stopped. ${stuck.stuckReason}`,
    );
    // The page also says that the failed nodes' users are affected.
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent(
      `${others.map((o) => o.hostname).join(', ')} have users but cannot serve them`,
    );

    for (const other of others) await engine.updateLabNode(by, other.id, { reachable: true });
  });

  it('refuses the last node with a 409 until the admin confirms explicitly, then sends it with force', async () => {
    const [last, other] = (await engine.getCluster(ORG_ID, 'acme-exp-americas')).nodes;
    const { user } = await openCluster('acme-exp-americas');
    await user.click(
      within(nodeRow(last!.hostname)).getByRole('button', { name: 'Enter maintenance mode' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Enter maintenance mode on ${last!.hostname}?`,
    });
    await within(dialog).findByRole('table', { name: 'Where the users go' });
    // Meanwhile the only other node fails: this one is now the last that can serve.
    await engine.updateLabNode(by, other!.id, { reachable: false });

    await user.click(within(dialog).getByRole('button', { name: 'Enter maintenance mode' }));

    expect(
      await within(dialog).findByText(
        'No other node of this cluster can take users any more: confirm explicitly below.',
      ),
    ).toBeInTheDocument();
    expect(await within(dialog).findByText('Users will lose service')).toBeInTheDocument();
    expect(within(dialog).getByTestId('maintenance-summary')).toHaveTextContent(
      `${formatCount(last!.users, 'user')} are on this node, and no other node of this cluster can take them.`,
    );
    expect((await nodeOf('acme-exp-americas', 0)).maintenance).toBe('Off');
    const confirm = within(dialog).getByRole('button', { name: 'Enter maintenance mode' });
    expect(confirm).toBeDisabled();
    // The page behind reads the cluster again: the failed node shows as such.
    await waitFor(() =>
      expect(within(nodeRow(other!.hostname)).getAllByText('Not responding')).not.toHaveLength(0),
    );

    await user.click(
      within(dialog).getByRole('checkbox', {
        name: `I understand that ${formatCount(last!.users, 'user')} will lose service`,
      }),
    );
    expect(confirm).toBeEnabled();
    await user.click(confirm);

    expect(
      await screen.findByText(`${last!.hostname} is in maintenance mode.`),
    ).toBeInTheDocument();
    expect((await nodeOf('acme-exp-americas', 0)).maintenance).toBe('In maintenance mode');
    await waitFor(() =>
      expect(within(nodeRow(last!.hostname)).getByText('In maintenance mode')).toBeInTheDocument(),
    );
  });

  it('asks for force from the start when the preview already says the node is the last one', async () => {
    // After the test above: Americas' first node is in maintenance mode; its second comes back.
    const [inMaintenance, last] = (await engine.getCluster(ORG_ID, 'acme-exp-americas')).nodes;
    expect(inMaintenance!.maintenance).toBe('In maintenance mode');
    await engine.updateLabNode(by, last!.id, { reachable: true });
    const preview = await engine.previewMaintenance(ORG_ID, last!.id);
    expect(preview.requiresForce).toBe(true);

    const { user } = await openCluster('acme-exp-americas');
    await user.click(
      within(nodeRow(last!.hostname)).getByRole('button', { name: 'Enter maintenance mode' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Enter maintenance mode on ${last!.hostname}?`,
    });
    expect(await within(dialog).findByText('Users will lose service')).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        preview.warnings.find((w) => w.code === 'LAST_AVAILABLE_NODE')!.message,
        {
          exact: false,
        },
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Enter maintenance mode' })).toBeDisabled();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect((await nodeOf('acme-exp-americas', 1)).maintenance).toBe('Off');
  });

  it('says someone else changed the node (412) and shows its impact afresh before confirming again', async () => {
    const node = await nodeOf('acme-exp-singapore', 1);
    const { user } = await openCluster('acme-exp-singapore');
    await user.click(
      within(nodeRow(node.hostname)).getByRole('button', { name: 'Enter maintenance mode' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Enter maintenance mode on ${node.hostname}?`,
    });
    expect(await within(dialog).findByText('No node will serve this cluster')).toBeInTheDocument();
    // Another admin brings the node's link to the cloud back: a new revision of the node.
    await engine.updateLabNode(by, node.id, { connectivity: 'Operational' });
    await user.click(
      within(dialog).getByRole('checkbox', {
        name: 'I understand that no node of this cluster will serve users',
      }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Enter maintenance mode' }));

    expect(
      await within(dialog).findByText(
        'This node changed while you were deciding. The impact below is up to date: check it and confirm again.',
      ),
    ).toBeInTheDocument();
    expect((await nodeOf('acme-exp-singapore', 1)).maintenance).toBe('Off');
    // Fresh data behind the dialog: the node's connectivity as the other admin left it.
    await waitFor(() =>
      expect(within(nodeRow(node.hostname)).getByText('Operational')).toBeInTheDocument(),
    );
    // The confirmation is asked for again, on the fresh impact.
    const checkbox = await within(dialog).findByRole('checkbox', {
      name: 'I understand that no node of this cluster will serve users',
    });
    expect(checkbox).not.toBeChecked();
    await user.click(checkbox);
    await user.click(within(dialog).getByRole('button', { name: 'Enter maintenance mode' }));

    expect(await screen.findByText(`${node.hostname} is in maintenance mode.`)).toBeInTheDocument();
    expect((await nodeOf('acme-exp-singapore', 1)).maintenance).toBe('In maintenance mode');
  });

  it('closes the Exit dialog on a 412 and shows the node as it is now', async () => {
    // Singapore's first node is in maintenance mode in the demo seed.
    const node = await nodeOf('acme-exp-singapore', 0);
    expect(node.maintenance).toBe('In maintenance mode');
    const { user } = await openCluster('acme-exp-singapore');
    await user.click(
      within(nodeRow(node.hostname)).getByRole('button', { name: 'Exit maintenance mode' }),
    );
    const exit = await screen.findByRole('dialog', {
      name: `Exit maintenance mode on ${node.hostname}?`,
    });
    expect(exit).toHaveTextContent(
      'The node’s connectors start again and the service can assign users to it again.',
    );
    await engine.updateLabNode(by, node.id, { connectivity: 'Degraded' });
    await user.click(within(exit).getByRole('button', { name: 'Exit maintenance mode' }));

    expect(
      await screen.findByText(
        `${node.hostname} changed while you were deciding: its state is shown again, up to date. Look at it and try again.`,
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() =>
      expect(within(nodeRow(node.hostname)).getByText('Degraded')).toBeInTheDocument(),
    );
    expect((await nodeOf('acme-exp-singapore', 0)).maintenance).toBe('In maintenance mode');
  });

  it('says when the impact cannot be worked out, and works it out again on Retry', async () => {
    const node = await nodeOf('acme-exp-emea', 0);
    server.use(
      http.get('*/api/v1/nodes/:id/maintenance/preview', () =>
        problemResponse(503, 'internal_error', 'The service is restarting.'),
      ),
    );
    const { user } = await openCluster('acme-exp-emea');
    await user.click(
      within(nodeRow(node.hostname)).getByRole('button', { name: 'Enter maintenance mode' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Enter maintenance mode on ${node.hostname}?`,
    });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The service is restarting.',
    );
    // Nothing to decide on: the confirmation waits for an impact.
    expect(within(dialog).getByRole('button', { name: 'Enter maintenance mode' })).toBeDisabled();

    server.resetHandlers();
    await user.click(within(dialog).getByRole('button', { name: 'Retry' }));
    expect(
      await within(dialog).findByRole('table', { name: 'Where the users go' }),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Enter maintenance mode' })).toBeEnabled();
  });
});
