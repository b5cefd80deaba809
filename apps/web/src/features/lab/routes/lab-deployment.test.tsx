import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../testing/render.tsx';
import { ORG_ID, testEngine } from '../../../testing/test-server.ts';

/**
 * The Lab's deployment controls, as an admin uses them to produce the guide's states: each
 * control must change the service (read back from the engine) and say what it did.
 */

const { engine } = testEngine;

async function openDeployment() {
  const rendered = renderApp('/lab?tab=deployment');
  await screen.findByRole('heading', { name: 'Simulation clock' });
  return rendered;
}

/** A row of one of the Lab's node tables, by the node's hostname or address. */
function rowOf(tableName: string, node: string): HTMLElement {
  const table = screen.getByRole('table', { name: tableName });
  return within(table)
    .getByRole('rowheader', { name: new RegExp(`^${node}`) })
    .closest('tr')!;
}

async function labNode(hostname: string) {
  const deployment = await engine.getLabDeployment(ORG_ID);
  return deployment.clusters.flatMap((c) => c.nodes).find((n) => n.hostname === hostname)!;
}

async function labImpNode(address: string) {
  const deployment = await engine.getLabDeployment(ORG_ID);
  return deployment.impClusters.flatMap((c) => c.nodes).find((n) => n.address === address)!;
}

describe('Lab deployment controls', () => {
  it('fails an Expressway node without maintenance mode, then recovers it', async () => {
    const { items } = await engine.listClusters(ORG_ID);
    const cluster = await engine.getCluster(ORG_ID, items[0]!.id);
    const node = cluster.nodes.find((n) => n.maintenance === 'Off')!;
    const { user } = await openDeployment();
    const table = `Nodes of ${cluster.name}`;
    const fail = within(rowOf(table, node.hostname)).getByRole('button', { name: 'Fail' });
    // The button alone says "Fail": its row's node describes it for assistive technology.
    expect(fail).toHaveAccessibleDescription(node.hostname);

    await user.click(fail);

    expect(
      await screen.findByText(`${node.hostname} failed: it no longer answers.`),
    ).toBeInTheDocument();
    expect((await labNode(node.hostname)).reachable).toBe(false);
    // Not maintenance mode: the node stops answering with its users on it.
    const view = (await engine.getCluster(ORG_ID, cluster.id)).nodes.find((n) => n.id === node.id)!;
    expect(view.messageConnector).toBe('Not responding');
    expect(view.maintenance).toBe('Off');
    const row = rowOf(table, node.hostname);
    expect(within(row).getByText('Failed')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Recover' }));
    expect(await screen.findByText(`${node.hostname} recovered.`)).toBeInTheDocument();
    expect((await labNode(node.hostname)).reachable).toBe(true);
    await waitFor(() =>
      expect(within(rowOf(table, node.hostname)).getByText('Up')).toBeInTheDocument(),
    );
  });

  it("takes a node's cloud connectivity down and brings it back", async () => {
    const { items } = await engine.listClusters(ORG_ID);
    const cluster = await engine.getCluster(ORG_ID, items[0]!.id);
    const node = cluster.nodes[cluster.nodes.length - 1]!;
    const { user } = await openDeployment();
    const select = within(rowOf(`Nodes of ${cluster.name}`, node.hostname)).getByRole('combobox', {
      name: `Cloud connectivity of ${node.hostname}`,
    });

    await user.click(select);
    await user.click(await screen.findByRole('option', { name: 'Outage' }));
    expect(
      await screen.findByText(`${node.hostname}'s cloud connectivity is Outage.`),
    ).toBeInTheDocument();
    expect((await labNode(node.hostname)).connectivity).toBe('Outage');

    await user.click(
      within(rowOf(`Nodes of ${cluster.name}`, node.hostname)).getByRole('combobox', {
        name: `Cloud connectivity of ${node.hostname}`,
      }),
    );
    await user.click(await screen.findByRole('option', { name: 'Operational' }));
    expect(
      await screen.findByText(`${node.hostname}'s cloud connectivity is Operational.`),
    ).toBeInTheDocument();
    expect((await labNode(node.hostname)).connectivity).toBe('Operational');
  });

  it('causes an IM and Presence node outage (failover to its peer starts) and recovers it', async () => {
    const deployment = await engine.getLabDeployment(ORG_ID);
    const imp = deployment.impClusters.find((c) =>
      c.presenceRedundancyGroups.some((g) => g.highAvailability),
    )!;
    const group = imp.presenceRedundancyGroups.find((g) => g.highAvailability)!;
    const node = imp.nodes.find(
      (n) =>
        n.presenceRedundancyGroupId === group.id && n.status === 'Operational' && n.sessions > 0,
    )!;
    const { user } = await openDeployment();
    const table = `Nodes of ${imp.name}`;

    await user.click(within(rowOf(table, node.address)).getByRole('button', { name: 'Outage' }));

    expect(await screen.findByText(`${node.address} is in Outage.`)).toBeInTheDocument();
    const failed = await labImpNode(node.address);
    expect(failed.status).toBe('Outage');
    expect(failed.sessionMove?.kind).toBe('failover');
    // The move is shown on the node's row, with the peer it goes to.
    await waitFor(() =>
      expect(rowOf(table, node.address)).toHaveTextContent(
        `Failing over to ${failed.sessionMove!.toAddress}`,
      ),
    );

    await user.click(within(rowOf(table, node.address)).getByRole('button', { name: 'Recover' }));
    expect(await screen.findByText(`${node.address} recovered.`)).toBeInTheDocument();
    expect((await labImpNode(node.address)).status).toBe('Operational');
  });

  it("stops and starts an IM and Presence node's AXL service", async () => {
    const deployment = await engine.getLabDeployment(ORG_ID);
    const imp = deployment.impClusters[0]!;
    const node = imp.nodes.find((n) => n.axlServiceRunning && !n.isPublisher)!;
    const { user } = await openDeployment();
    const table = `Nodes of ${imp.name}`;

    await user.click(within(rowOf(table, node.address)).getByRole('button', { name: 'Stop AXL' }));
    expect(await screen.findByText(`AXL service stopped on ${node.address}.`)).toBeInTheDocument();
    expect((await labImpNode(node.address)).axlServiceRunning).toBe(false);
    await waitFor(() => expect(rowOf(table, node.address)).toHaveTextContent('Stopped'));

    await user.click(within(rowOf(table, node.address)).getByRole('button', { name: 'Start AXL' }));
    expect(await screen.findByText(`AXL service started on ${node.address}.`)).toBeInTheDocument();
    expect((await labImpNode(node.address)).axlServiceRunning).toBe(true);
  });

  it("turns a presence redundancy group's high availability off and on", async () => {
    const deployment = await engine.getLabDeployment(ORG_ID);
    const group = deployment.impClusters
      .flatMap((c) => c.presenceRedundancyGroups)
      .find((g) => g.highAvailability)!;
    const { user } = await openDeployment();
    const toggle = screen.getByRole('switch', { name: `High availability of ${group.name}` });
    expect(toggle).toBeChecked();

    await user.click(toggle);
    expect(await screen.findByText(`High availability off for ${group.name}.`)).toBeInTheDocument();
    const off = await engine.getLabDeployment(ORG_ID);
    expect(
      off.impClusters.flatMap((c) => c.presenceRedundancyGroups).find((g) => g.id === group.id)!
        .highAvailability,
    ).toBe(false);
    await waitFor(() =>
      expect(
        screen.getByRole('switch', { name: `High availability of ${group.name}` }),
      ).not.toBeChecked(),
    );

    await user.click(screen.getByRole('switch', { name: `High availability of ${group.name}` }));
    expect(await screen.findByText(`High availability on for ${group.name}.`)).toBeInTheDocument();
    const on = await engine.getLabDeployment(ORG_ID);
    expect(
      on.impClusters.flatMap((c) => c.presenceRedundancyGroups).find((g) => g.id === group.id)!
        .highAvailability,
    ).toBe(true);
  });

  it('fast-forwards the clock by N minutes, or by a step, and says how far ahead it is', async () => {
    const before = await engine.getLabDeployment(ORG_ID);
    const { user } = await openDeployment();
    // The clock is the organization's own: another organization's fast-forward does not move it.
    expect(screen.getByText(/^This organization's time/)).toHaveTextContent(
      'other organizations keep their own time',
    );
    expect(screen.getByTestId('clock-offset')).toHaveTextContent(
      before.clockOffsetMinutes === 0 ? 'Real time: not fast-forwarded yet' : 'ahead of real time',
    );

    const minutes = screen.getByRole('spinbutton', { name: 'Minutes' });
    await user.clear(minutes);
    await user.type(minutes, '0');
    expect(screen.getByText('From 1 to 1440 (a day)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Fast-forward' })).toBeDisabled();

    await user.clear(minutes);
    await user.type(minutes, '20');
    await user.click(screen.getByRole('button', { name: 'Fast-forward' }));

    expect(await screen.findByText('Clock moved 20 minutes forward.')).toBeInTheDocument();
    const after = await engine.getLabDeployment(ORG_ID);
    expect(after.clockOffsetMinutes).toBe(before.clockOffsetMinutes + 20);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(20 * 60_000);
    await waitFor(() =>
      expect(screen.getByTestId('clock-offset')).toHaveTextContent(
        `${after.clockOffsetMinutes} minutes ahead of real time`,
      ),
    );

    await user.click(screen.getByRole('button', { name: 'Fast-forward 1 hour' }));
    expect(await screen.findByText('Clock moved 1 hour forward.')).toBeInTheDocument();
    expect((await engine.getLabDeployment(ORG_ID)).clockOffsetMinutes).toBe(
      after.clockOffsetMinutes + 60,
    );
  });
});
