import { expect, test } from './fixtures.ts';

test('an admin opens a cluster and sees its nodes and Message Service status', async ({
  page,
  api,
  request,
}) => {
  const clusters = await api.clusters();
  expect(clusters.length).toBeGreaterThanOrEqual(2);
  const cluster = clusters[0]!;
  const detail = await (await request.get(`/api/v1/clusters/${cluster.id}`)).json();

  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: 'Clusters' }).click();
  await page.getByRole('link', { name: cluster.name }).first().click();

  await expect(page.getByRole('heading', { name: cluster.name, level: 1 })).toBeVisible();
  for (const node of detail.nodes as { hostname: string }[]) {
    await expect(page.getByRole('row').filter({ hasText: node.hostname })).toHaveCount(1);
  }

  await expect(page.getByRole('heading', { name: 'Connectivity to Webex' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Message Service User Totals' })).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Message Service Status (IM and Presence Nodes)' }),
  ).toBeVisible();
  const enabled = detail.messageServiceStatus.userTotals.usersEnabled as number;
  await expect(
    page.getByRole('row').filter({ hasText: 'Users Enabled for Hybrid Message Service' }),
  ).toContainText(enabled.toLocaleString('en-US'));
});
