import { ClusterDetail } from '../packages/contract/src/index.ts';
import { expect, test } from './fixtures.ts';

const n = (value: number) => value.toLocaleString('en-US');

test('an admin opens a cluster and reads a Message Service Status whose numbers are the API totals', async ({
  page,
  api,
  request,
}) => {
  const clusters = await api.clusters();
  expect(clusters.length).toBeGreaterThanOrEqual(2);
  // The cluster with the most IM&P nodes on its status page: the most numbers to compare.
  const details = await Promise.all(
    clusters.map(async (c) =>
      ClusterDetail.parse(await (await request.get(`/api/v1/clusters/${c.id}`)).json()),
    ),
  );
  const cluster = details.sort(
    (a, b) => b.messageServiceStatus.impNodes.length - a.messageServiceStatus.impNodes.length,
  )[0]!;

  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: 'Clusters' }).click();
  await page.getByRole('link', { name: cluster.name }).first().click();

  await expect(page.getByRole('heading', { name: cluster.name, level: 1 })).toBeVisible();
  for (const node of cluster.nodes) {
    await expect(
      page
        .getByRole('table', { name: 'Nodes' })
        .getByRole('row')
        .filter({ hasText: node.hostname }),
    ).toHaveCount(1);
  }
  await expect(page.getByRole('heading', { name: 'Connectivity to Webex' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Message Service User Totals' })).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Message Service Status (IM and Presence Nodes)' }),
  ).toBeVisible();

  // Every number on the page is the API's, read at the same moment (users may still be settling,
  // so page and API are compared again until they agree).
  const totalsTable = page.getByRole('table', { name: 'Message Service User Totals' });
  const nodesTable = page.getByRole('table', {
    name: 'Message Service Status (IM and Presence Nodes)',
  });
  await expect(async () => {
    const now = ClusterDetail.parse(
      await (await request.get(`/api/v1/clusters/${cluster.id}`)).json(),
    ).messageServiceStatus;
    const totals = now.userTotals;
    const expected: [string, string][] = [
      ['Users from connected IM and Presence clusters', n(totals.usersFromConnectedImpClusters)],
      [
        'Users from all IM and Presence clusters (ICSA)',
        `${n(totals.usersFromConnectedImpClusters)} of ${n(totals.usersFromAllImpClustersIcsa)}`,
      ],
      ['Users Enabled for Hybrid Message Service', n(totals.usersEnabled)],
      ['Active Message Service Users', `${n(totals.activeUsers)} (`],
      ['Users not Active for 72 Hours or more', `${n(totals.inactiveUsers)} (`],
    ];
    for (const [label, value] of expected) {
      await expect(
        totalsTable.getByRole('row', { name: new RegExp(`^${escape(label)}`) }),
      ).toContainText(value, { timeout: 1000 });
    }
    expect(totals.activeUsers + totals.inactiveUsers).toBe(totals.usersEnabled);
    for (const row of now.impNodes) {
      const cells = nodesTable.getByRole('row').filter({ hasText: row.address }).getByRole('cell');
      await expect(cells).toContainText(
        [
          row.nodeVersion,
          row.nodeStatus,
          row.certificateValidation,
          n(row.messageServiceUsers),
          n(row.activeUsers),
          n(row.inactiveUsers),
        ],
        { timeout: 1000 },
      );
    }
  }).toPass({ timeout: 20_000 });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
