import type { ChildProcess } from 'node:child_process';
import type { BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startBffProcess, stopBffProcess } from '../apps/bff/src/testing/bff-process.ts';
import { UserListResponse } from '../packages/contract/src/index.ts';
import { expect, signIn, test } from './fixtures.ts';

// The session is this test's own BFF's, not the suite's (cookies do not tell ports apart).
test.use({ account: null });

test.describe('An admin whose server goes away for a while', () => {
  let dataDir: string;
  let bff: ChildProcess | undefined;

  test.beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-e2e-outage-'));
  });

  /**
   * A BFF of the test's own (the build the suite serves, a small demo), so that it can really be
   * stopped, and the browser signed in to it. `start` starts it again on the same data.
   */
  async function ownBff(context: BrowserContext) {
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const start = async () => {
      bff = await startBffProcess({
        port,
        dataDir,
        script: 'dist/server.js',
        env: { HUB_DEMO_USERS: '100' },
      });
    };
    await start();
    const { cookie } = await signIn(baseURL, 'admin@acme.example');
    await context.addCookies([{ ...cookie, url: baseURL }]);
    return { baseURL, cookie, start };
  }
  test.afterEach(async () => {
    await stopBffProcess(bff);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('sees "Reconnecting…" while the BFF is stopped, and fresh data once it is back, without a click', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    const { baseURL, cookie, start } = await ownBff(context);

    // A user the first page of the list does not show (it shows 50 of the demo's 100).
    const listed = await fetch(`${baseURL}/api/v1/users?pageSize=100`, {
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    const { items } = UserListResponse.parse(await listed.json());
    const wanted = items.at(-1)!;

    await page.goto(`${baseURL}/users`);
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await expect(page.getByRole('gridcell', { name: items[0]!.displayName }).first()).toBeVisible();
    const banner = page.getByRole('status').filter({ hasText: 'Reconnecting…' });
    await expect(banner).toHaveCount(0);

    await stopBffProcess(bff);
    await expect(banner).toBeVisible();
    // Asked meanwhile, the search cannot be answered.
    await page.getByLabel('Search users').fill(wanted.email);
    await expect(page.getByText('Cannot reach the server').first()).toBeVisible();

    await start();
    // No click: the banner goes, and the list answers the search.
    await expect(banner).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByRole('gridcell', { name: wanted.displayName }).first()).toBeVisible();
    await expect(page.getByText('Cannot reach the server')).toHaveCount(0);
  });

  test('a screen whose code does not download is tried again, then explained in words with Reload', async ({
    page,
    context,
  }) => {
    test.setTimeout(90_000);
    const { baseURL } = await ownBff(context);

    await page.goto(`${baseURL}/clusters`);
    await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
    let asked = 0;
    await page.route(/\/assets\/audit-route-[^/]*\.js$/, (route) => {
      asked += 1;
      return route.abort('connectionrefused');
    });
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'This page could not be loaded' }),
    ).toBeVisible();
    expect(asked, 'the chunk was asked for twice').toBe(2);
    await expect(page.getByText(/dynamically imported module/)).toHaveCount(0);
    // The shell stays: another screen is a click away, and Reload brings this one.
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

    await page.unrouteAll();
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  });
});
