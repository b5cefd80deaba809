import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Nothing makes the page itself scroll sideways: wide content scrolls inside its card. */
async function expectNoSidewaysScroll(page: Page, screen: string) {
  // Wait for what the screen shows, not just its frame: a table drawn later may be the wide part.
  await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${screen} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

for (const width of [390, 768]) {
  test.describe(`An admin on a ${width} px wide screen`, () => {
    test.use({ viewport: { width, height: 844 } });

    test('every screen fits the width; the navigation is behind the Menu button', async ({
      page,
      api,
    }) => {
      test.setTimeout(90_000);
      const [user] = (await api.users({ status: 'Error', pageSize: 1 })).items;
      const [cluster] = await api.clusters();
      const heading = (name: string) => page.getByRole('heading', { level: 1, name });

      const screens: [string, string, string][] = [
        ['Overview', '/', 'Overview'],
        ['Users', '/users', 'Users'],
        ['a user', `/users/${user!.id}`, user!.displayName],
        ['Clusters', '/clusters', 'Clusters'],
        ['a cluster', `/clusters/${cluster!.id}`, cluster!.name],
        ['Alarms', '/alarms', 'Alarms'],
        ['Audit log', '/audit', 'Audit log'],
        ['Lab', '/lab', 'Lab'],
      ];
      for (const [screen, path, title] of screens) {
        await page.goto(path);
        await expect(heading(title)).toBeVisible();
        // The permanent drawer is gone: the screen has the width to itself.
        await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
        await expectNoSidewaysScroll(page, screen);
      }

      // The Lab's other tab, and a user's history and Diagnostics.
      await page.goto('/lab');
      await page.getByRole('tab', { name: 'Deployment' }).click();
      await expectNoSidewaysScroll(page, "the Lab's deployment");
      await page.goto(`/users/${user!.id}`);
      await page.getByRole('button', { name: 'See history' }).click();
      const history = page.getByRole('dialog', { name: `History of ${user!.displayName}` });
      await expect(history.getByRole('listitem').first()).toBeVisible();
      await expectNoSidewaysScroll(page, 'History');
      await history.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'Diagnostics' }).click();
      const diagnostics = page.getByRole('dialog', {
        name: `Diagnostics for ${user!.displayName}`,
      });
      await expect(diagnostics.getByRole('listitem').first()).toBeVisible();
      await expectNoSidewaysScroll(page, 'Diagnostics');
      await diagnostics.getByRole('button', { name: 'Close' }).click();

      // The menu: opened by its button, a link in it leads to its screen and closes it.
      const menuButton = page.getByRole('button', { name: 'Menu' });
      await menuButton.click();
      const menu = page.getByRole('dialog', { name: 'Menu' });
      await expect(menu).toBeVisible();
      await expectNoSidewaysScroll(page, 'the open menu');
      await menu.getByRole('link', { name: 'Clusters' }).click();
      await expect(heading('Clusters')).toBeVisible();
      await expect(menu).toBeHidden();
      await expect(menuButton).toBeFocused();

      // From the keyboard: Escape closes it and focus goes back to the button.
      await menuButton.press('Enter');
      await expect(menu.getByRole('link', { name: 'Clusters' })).toBeFocused();
      // Tab goes round the menu (its links and Close), never to the page behind it.
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        await expect(menu.locator(':focus')).toHaveCount(1);
      }
      await page.keyboard.press('Escape');
      await expect(menu).toBeHidden();
      await expect(menuButton).toBeFocused();

      // Signed out: the sign-in page.
      await page.context().clearCookies();
      await page.goto('/sign-in');
      await expect(heading('Sign in')).toBeVisible();
      await expectNoSidewaysScroll(page, 'Sign in');
    });
  });
}

test('on a desktop the navigation stays a permanent drawer, with no Menu button', async ({
  page,
}) => {
  await page.goto('/clusters');
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
});
