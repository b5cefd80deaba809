import { expect, test } from './fixtures.ts';

test.describe('An admin finds users', () => {
  test('opens Users and sees the organization with every status', async ({ page, api }) => {
    const all = await api.users({ pageSize: 1 });
    expect(all.total).toBeGreaterThanOrEqual(2000);

    await page.goto('/');
    await page.getByRole('link', { name: 'Users' }).click();
    await expect(page).toHaveURL(/\/users/);
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
    await expect(page.getByText(`${all.total.toLocaleString('en-US')} users`)).toBeVisible();
    await expect(page.getByRole('row')).not.toHaveCount(1); // header + data rows
  });

  test('searches a user by email and opens them', async ({ page, api }) => {
    const target = (await api.users({ status: 'Active', page: 3, pageSize: 10 })).items[4]!;

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
    await expect(dataRows.first()).toBeVisible();
    const statuses = await dataRows.getByTestId('status-chip').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['Error']));

    // The filter survives a reload: it lives in the URL.
    await page.reload();
    await expect(page.getByText(`${errors.total.toLocaleString('en-US')} users`)).toBeVisible();
  });
});
