import { DEMO_PASSWORD, expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';

test.use({ account: null });

async function signInFrom(page: Page, link: string) {
  await page.goto(link);
  await page.getByLabel('Email').fill('admin@acme.example');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('Signing in from a link that says where to go next', () => {
  // Each of these is another site to a browser, or no page of the console.
  for (const next of ['/%5Cevil.example', '/%2F%2Fevil.example', '/%09/evil.example', '/nope']) {
    test(`next=${next} lands on the Overview, not on an error page`, async ({ page, baseURL }) => {
      await signInFrom(page, `/sign-in?next=${next}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      expect(page.url()).toBe(`${baseURL}/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      await expect(page.getByText(/went wrong|Unexpected Application Error/i)).toHaveCount(0);
    });
  }

  test('next=/users lands on Users, with its filter', async ({ page, baseURL }) => {
    await signInFrom(page, `/sign-in?next=${encodeURIComponent('/users?status=Error')}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    expect(page.url()).toBe(`${baseURL}/users?status=Error`);
  });

  test('next=/users lands on Users', async ({ page, baseURL }) => {
    await signInFrom(page, '/sign-in?next=/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    expect(page.url()).toBe(`${baseURL}/users`);
  });
});
