import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * The console runs under the BFF's Content-Security-Policy (scripts from the console's own
 * origin only; styles may be inline because MUI's emotion injects <style> elements): every
 * screen renders without a single violation, and an inline script someone manages to inject is
 * refused.
 */

/** Violations the page reports, as the browser sees them (event and console). */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  // Init scripts run through the DevTools protocol, not as page scripts: CSP does not apply.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|CSP violation/i.test(text)) violations.push(text);
  });
  return violations;
}

test('every screen renders under the Content-Security-Policy with no violation; injected inline script is refused', async ({
  page,
  api,
}) => {
  const violations = await watchViolations(page);

  const overview = await page.goto('/');
  expect(overview?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('grid', { name: 'Users' })).toBeVisible();

  const [user] = (await api.users({ status: 'Error', pageSize: 1 })).items;
  await page.goto(`/users/${user!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: user!.displayName })).toBeVisible();
  await page.getByRole('button', { name: 'See history' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Diagnostics' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');

  const [cluster] = await api.clusters();
  await page.goto('/clusters');
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
  await page.goto(`/clusters/${cluster!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: cluster!.name })).toBeVisible();

  for (const [path, heading] of [
    ['/alarms', 'Alarms'],
    ['/audit', 'Audit log'],
    ['/lab', 'Lab'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  expect(violations).toEqual([]);

  // The policy is not decoration: a script element written into the page does not run.
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations.join('\n')).toMatch(/script-src/);
});
