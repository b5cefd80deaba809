import { expect, test } from './fixtures.ts';

test.describe('An admin activates users in bulk', () => {
  test('activates every Not activated user (over 1,000, across pages) and reads an honest result', async ({
    page,
    api,
  }) => {
    test.setTimeout(90_000);
    // Make room for a job of more than 1,000 users: switch 1,000 Active users off first.
    // A Set: pages shift while the demo's Pending users settle, so a user can appear twice.
    const active = new Set<string>();
    for await (const user of api.usersIn('Active')) {
      active.add(user.id);
      if (active.size === 1000) break;
    }
    const off = await api.bulk({
      action: 'deactivate',
      selection: { kind: 'ids', ids: [...active] },
    });
    expect(off.total).toBe(1000);
    expect(off.succeeded).toBe(1000);
    const { total } = await api.users({ status: 'Not activated', pageSize: 1 });
    expect(total).toBeGreaterThanOrEqual(1000);
    const count = total.toLocaleString('en-US');

    await page.goto('/users?status=Not%20activated');
    const grid = page.getByRole('grid', { name: 'Users' });
    await expect(page.getByText(`${count} users`, { exact: true })).toBeVisible();
    await grid.getByRole('checkbox', { name: 'Select all rows' }).check();
    await page
      .getByRole('button', { name: `Select all ${count} users matching this filter` })
      .click();
    await expect(
      page.getByText(`All ${count} users matching this filter are selected.`),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Activate', exact: true }).click();

    const panel = page.getByRole('region', { name: `Activating ${count} users` });
    await expect(panel.getByRole('progressbar', { name: 'Progress' })).toBeVisible();
    await expect(panel.getByText(`${count} of ${count} done`)).toBeVisible({ timeout: 60_000 });
    const summary = panel.getByRole('alert');
    await expect(summary).toContainText('activated');

    // The result is the truth: it matches where the users really are now.
    const text = (await summary.textContent()) ?? '';
    const activated = Number(/([\d,]+) activated/.exec(text)?.[1]?.replaceAll(',', '') ?? NaN);
    const failed = Number(/([\d,]+) failed/.exec(text)?.[1]?.replaceAll(',', '') ?? 0);
    expect(activated + failed).toBeLessThanOrEqual(total);
    expect(activated).toBeGreaterThanOrEqual(1000 * 0.9);
    if (failed > 0) {
      await expect(panel.getByRole('table', { name: 'Failed users' })).toBeVisible();
    }
    const pending = await api.users({ status: 'Pending', pageSize: 1 });
    expect(pending.total).toBe(0);
    // Pending rows turned by themselves: the filter's rows are gone without a reload.
    await expect(page.getByText(`${count} users`, { exact: true })).toHaveCount(0);
  });
});
