import { CSRF_HEADER, Problem, Session } from '../packages/contract/src/index.ts';
import { DEMO_PASSWORD, expect, test } from './fixtures.ts';

// Signed out at first: the support administrator signs in through the page.
test.use({ account: null });

test.describe('Support staff answer "why is this user not working?"', () => {
  test("sign in, read a user's history and Diagnostics, see no way to change anything; a hand-made reactivation is refused", async ({
    page,
  }) => {
    await page.goto('/users');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fusers$/);
    await page.getByLabel('Email').fill('support@acme.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveText(['Users']);
    await expect(
      page.getByText(/You can't activate, deactivate, reactivate or export users\./),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
    await expect(page.getByRole('checkbox')).toHaveCount(0);

    // A user in Error, found through the list as support staff would.
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Error' }).click();
    await expect(page).toHaveURL(/status=Error/);
    const firstRow = page
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell') })
      .first();
    await firstRow.getByRole('gridcell').first().click();
    await expect(page).toHaveURL(/\/users\/[^/?]+$/);
    const name = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    await expect(
      page.getByText(/You can't change this user\. A Support administrator/),
    ).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Message Service' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Reactivate User' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Open in Lab' })).toHaveCount(0);

    await page.getByRole('button', { name: 'See history' }).click();
    const history = page.getByRole('dialog', { name: `History of ${name}` });
    const lines = history
      .getByRole('list', { name: 'History, newest first' })
      .getByRole('listitem');
    await expect(lines.first()).toContainText('Error');
    await history.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Diagnostics' }).click();
    const diagnostics = page.getByRole('dialog', { name: `Diagnostics for ${name}` });
    await expect(
      diagnostics.getByRole('list', { name: 'Checks' }).getByRole('listitem').first(),
    ).toBeVisible();
    await expect(diagnostics.getByText('Fail').first()).toBeVisible();
    await diagnostics.getByRole('button', { name: 'Close' }).click();

    // A request made by hand from this very session, with its real CSRF token: refused (403),
    // and the user stays as they were.
    const userPath = new URL(page.url()).pathname;
    const session = Session.parse(await (await page.request.get('/api/v1/session')).json());
    expect(session.admin.role).toBe('support-admin');
    const reactivate = await page.request.post(`/api/v1${userPath}/reactivate`, {
      headers: { [CSRF_HEADER]: session.csrfToken },
    });
    expect(reactivate.status()).toBe(403);
    expect(Problem.parse(await reactivate.json())).toMatchObject({
      code: 'forbidden',
      detail:
        "A Support administrator can read users, their history and Diagnostics, and can't change anything.",
    });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Error');

    // Support cannot reach the deployment either: a link to the clusters says why.
    await page.goto('/clusters');
    await expect(page.getByText('Not available to your role')).toBeVisible();
  });
});
