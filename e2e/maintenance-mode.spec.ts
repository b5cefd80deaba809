import { ClusterDetail, MaintenancePreview } from '../packages/contract/src/index.ts';
import { expect, test } from './fixtures.ts';

const n = (value: number) => value.toLocaleString('en-US');

test('an admin takes a node into maintenance mode, watches its users move, and brings it back', async ({
  page,
  request,
  api,
}) => {
  // A cluster with at least two serving nodes, and its busiest node: its users have somewhere to go.
  const details = await Promise.all(
    (await api.clusters()).map(async (c) =>
      ClusterDetail.parse(await (await request.get(`/api/v1/clusters/${c.id}`)).json()),
    ),
  );
  const cluster = details.find(
    (c) =>
      c.nodes.filter((node) => node.maintenance === 'Off' && node.connectivity !== 'Outage')
        .length >= 2 && c.nodes.some((node) => node.users > 0),
  )!;
  const node = [...cluster.nodes].sort((a, b) => b.users - a.users)[0]!;
  const preview = MaintenancePreview.parse(
    await (await request.get(`/api/v1/nodes/${node.id}/maintenance/preview`)).json(),
  );
  expect(preview.usersMoving).toBeGreaterThan(0);

  await page.goto(`/clusters/${cluster.id}`);
  const row = page
    .getByRole('table', { name: 'Nodes' })
    .getByRole('row')
    .filter({ hasText: node.hostname });
  await expect(row.getByText('Off', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'Enter maintenance mode' }).click();

  // The confirmation shows the impact: how many users move, and where.
  const dialog = page.getByRole('dialog', { name: `Enter maintenance mode on ${node.hostname}?` });
  await expect(dialog).toContainText(`${n(preview.usersMoving)} users`);
  for (const target of preview.targets) {
    await expect(dialog.getByRole('row').filter({ hasText: target.hostname })).toContainText(
      n(target.usersAfter - target.usersBefore),
    );
  }
  await dialog.getByRole('button', { name: 'Enter maintenance mode' }).click();
  await expect(dialog).toBeHidden();

  // Entering: the progress bar says how many are left and how long it takes at the rate (the
  // e2e BFF moves 30 users a minute, so the move cannot end by itself during the test).
  await expect(row.getByText('Entering maintenance mode')).toBeVisible();
  const progress = page.getByRole('region', { name: `Maintenance progress of ${node.hostname}` });
  await expect(progress).toContainText('left');
  await expect(progress).toContainText('Estimated time');
  await expect(
    page.getByRole('progressbar', { name: `Users moved off ${node.hostname}` }),
  ).toBeVisible();

  // Fast-forward the service's clock in the Lab until the move has had time to finish.
  await page.getByRole('navigation').getByRole('link', { name: 'Lab' }).click();
  await page.getByRole('tab', { name: 'Deployment' }).click();
  const minutes = Math.ceil(preview.usersMoving / 30) + 1;
  await page.getByRole('spinbutton', { name: /minutes/i }).fill(String(minutes));
  await page.getByRole('button', { name: 'Fast-forward', exact: true }).click();
  await expect(page.getByText(/Clock moved .* forward/)).toBeVisible();

  await page.goBack();
  await page.goBack();
  await expect(page.getByRole('heading', { name: cluster.name, level: 1 })).toBeVisible();
  await expect(row.getByText('In maintenance mode')).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText(`0 of ${n(node.capacity)}`);
  // Nobody was lost: the other nodes took every user the node had.
  const after = ClusterDetail.parse(
    await (await request.get(`/api/v1/clusters/${cluster.id}`)).json(),
  );
  expect(after.nodes.find((x) => x.id === node.id)!.users).toBe(0);
  for (const target of after.nodes) expect(target.users).toBeLessThanOrEqual(target.capacity);

  // Back: Exit maintenance mode asks first, then the node is Off and takes users again.
  await row.getByRole('button', { name: 'Exit maintenance mode' }).click();
  const exit = page.getByRole('dialog', { name: `Exit maintenance mode on ${node.hostname}?` });
  await exit.getByRole('button', { name: 'Exit maintenance mode' }).click();
  await expect(exit).toBeHidden();
  await expect(row.getByText('Off', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Enter maintenance mode' })).toBeVisible();
});
