import { DEMO_PASSWORD, expect, test } from './fixtures.ts';

test.use({ account: null });

test.describe('An admin signs out', () => {
  test('signing out ends the session: the console asks to sign in again and the API refuses the old cookie', async ({
    page,
    context,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.getByLabel('Email').fill('admin@acme.example');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The refusal, and the request's reference for support (its audit entry's id).
    const refusal = page.getByRole('alert');
    await expect(refusal).toContainText('The email or password is not right.');
    await expect(refusal).toContainText(/Reference: [0-9a-f]{8}/);

    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'hub_session', httpOnly: true, sameSite: 'Strict' });

    await page.getByRole('button', { name: /^Account:/ }).click();
    await expect(page.getByRole('menu')).toContainText('Full administrator · Acme');
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

    // A bookmark into the console: the sign-in page again, not the console.
    await page.goto('/users');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fusers$/);

    // The old cookie, replayed by hand, opens nothing.
    const replay = await page.request.get('/api/v1/users', {
      headers: { cookie: `${cookie!.name}=${cookie!.value}` },
    });
    expect(replay.status()).toBe(401);
  });
});
