import { expect, test } from './fixtures.ts';

test.describe('An admin finds users', () => {
  test('sees users in every status on the Overview and opens Users', async ({ page, api }) => {
    const all = await api.users({ pageSize: 1 });
    expect(all.total).toBeGreaterThanOrEqual(2000);

    await page.goto('/');
    const tiles = page.getByRole('list', { name: 'Users by status' });
    for (const status of ['Not activated', 'Pending', 'Active', 'Error'] as const) {
      const { total } = await api.users({ status, pageSize: 1 });
      // Pending lasts seconds now that the BFF activates users, and other tests switch users
      // on in bulk: only Active and Error are sure to be there. Every tile must match the API.
      if (status === 'Active' || status === 'Error') expect(total, status).toBeGreaterThan(0);
      await expect(tiles.getByRole('link', { name: new RegExp(`^${status}`) })).toContainText(
        total.toLocaleString('en-US'),
      );
    }

    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
    await expect(page.getByText(`${all.total.toLocaleString('en-US')} users`)).toBeVisible();
    await expect(page.getByRole('row').filter({ has: page.getByRole('gridcell') })).toHaveCount(50);
  });

  test('searches a user by email and opens them', async ({ page, api }) => {
    // A whole email address finds its user alone (docs/decisions/005-users-search.md).
    const [target] = (await api.users({ status: 'Active', page: 3, pageSize: 10 })).items;
    if (!target) throw new Error('no Active user on page 3');

    await page.goto('/users');
    await page.getByLabel('Search users').fill(target.email);
    const rows = page.getByRole('row').filter({ hasText: target.email });
    await expect(rows).toHaveCount(1);
    await expect(page.getByText(/^1 user$/)).toBeVisible();

    await rows.first().getByText(target.displayName).click();
    await expect(page).toHaveURL(new RegExp(`/users/${target.id}$`));
    await expect(page.getByRole('heading', { name: target.displayName })).toBeVisible();
    await expect(page.getByText(target.email).first()).toBeVisible();
  });

  test('filters by Error and reads why a user fails', async ({ page, api }) => {
    const errors = await api.users({ status: 'Error', pageSize: 100 });
    expect(errors.total).toBeGreaterThan(0);

    await page.goto('/users');
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Error' }).click();

    await expect(page).toHaveURL(/status=Error/);
    await expect(page.getByText(`${errors.total.toLocaleString('en-US')} users`)).toBeVisible();
    const dataRows = page.getByRole('row').filter({ has: page.getByRole('gridcell') });
    await expect(dataRows).toHaveCount(Math.min(errors.total, 50));
    // Every row's status is Error, and no other status shows.
    await expect(dataRows.filter({ has: page.getByText('Error', { exact: true }) })).toHaveCount(
      Math.min(errors.total, 50),
    );
    for (const other of ['Active', 'Pending', 'Not activated']) {
      await expect(page.getByRole('grid').getByText(other, { exact: true })).toHaveCount(0);
    }

    // The user's page says why and what to do.
    const first = errors.items[0]!;
    await page.getByRole('gridcell', { name: first.displayName }).first().click();
    await expect(page.getByRole('heading', { name: first.displayName })).toBeVisible();
    await expect(page.getByText(first.errorCode!).first()).toBeVisible();
    await page.goBack();

    // The filter survives a reload: it lives in the URL.
    await page.reload();
    await expect(page.getByText(`${errors.total.toLocaleString('en-US')} users`)).toBeVisible();
  });
});
