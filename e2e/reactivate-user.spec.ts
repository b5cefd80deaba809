import { expect, test } from './fixtures.ts';

test.describe('An admin fixes a user in Error', () => {
  test('reads the history and diagnostics of a mailid mismatch, fixes the mailid in the Lab, reactivates and sees Active without reloading', async ({
    page,
    api,
  }) => {
    test.setTimeout(60_000);
    let target: { id: string; displayName: string; email: string } | undefined;
    for await (const user of api.usersIn('Error')) {
      if (user.errorCode === 'MAIL_ID_MISMATCH') {
        target = user;
        break;
      }
    }
    expect(target, 'the demo has a user failing with MAIL_ID_MISMATCH').toBeDefined();
    const { id, displayName, email } = target!;

    await page.goto(`/users/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: displayName })).toBeVisible();
    await expect(page.getByText('MAIL_ID_MISMATCH').first()).toBeVisible();
    await expect(page.getByText(/does not match their email in Control Hub/).first()).toBeVisible();

    // See history: newest first, the failed activation on top.
    await page.getByRole('button', { name: 'See history' }).click();
    const history = page.getByRole('dialog', { name: `History of ${displayName}` });
    const lines = history
      .getByRole('list', { name: 'History, newest first' })
      .getByRole('listitem');
    await expect(lines.first()).toContainText('MAIL_ID_MISMATCH');
    await expect(lines.first()).toContainText('Error');
    await history.getByRole('button', { name: 'Close' }).click();
    await expect(history).toBeHidden();

    // Diagnostics: the mailid check fails and says what to do.
    await page.getByRole('button', { name: 'Diagnostics' }).click();
    const diagnostics = page.getByRole('dialog', { name: `Diagnostics for ${displayName}` });
    const checks = diagnostics.getByRole('list', { name: 'Checks' }).getByRole('listitem');
    const mailidCheck = checks.filter({ hasText: /mailid match/i });
    await expect(mailidCheck).toContainText('Fail');
    await expect(mailidCheck).toContainText('What to do:');
    await diagnostics.getByRole('button', { name: 'Close' }).click();

    // The Lab: make the IM&P mailid the cloud email.
    await page.getByRole('link', { name: 'Open in Lab' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lab' })).toBeVisible();
    const mailid = page.getByRole('textbox', { name: 'Mailid' });
    await expect(mailid).not.toHaveValue(email);
    await mailid.fill(email);
    await page.getByRole('button', { name: 'Save mailid' }).click();
    await expect(page.getByText(`Mailid changed to ${email}.`).first()).toBeVisible();

    // Back on the user: Reactivate User, confirm, and watch it turn Active by itself.
    await page.getByRole('link', { name: 'Open user' }).click();
    await expect(page.getByRole('heading', { level: 1, name: displayName })).toBeVisible();
    await page.getByRole('button', { name: 'Reactivate User' }).click();
    const confirm = page.getByRole('dialog', { name: `Reactivate ${displayName}?` });
    await expect(confirm).toContainText('may briefly lose service');
    await confirm.getByRole('button', { name: 'Reactivate' }).click();
    await expect(page.getByText(`${displayName} is being reactivated: Pending.`)).toBeVisible();

    const header = page.getByRole('heading', { level: 1, name: displayName }).locator('..');
    await expect(header.getByText('Active', { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('MAIL_ID_MISMATCH')).toHaveCount(0);
    expect((await api.user(id)).status).toBe('Active');
  });
});
