import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';

test.describe('An admin checks who changed what', () => {
  test('reactivates a user, finds the entry under their own email in the Audit log, filters by action and exports it', async ({
    page,
    api,
  }) => {
    const [target] = (await api.users({ status: 'Error', pageSize: 1 })).items;
    expect(target, 'the demo has a user in Error').toBeDefined();
    const { id, displayName, email } = target!;

    await page.goto(`/users/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: displayName })).toBeVisible();
    await page.getByRole('button', { name: 'Reactivate User' }).click();
    const reactivated = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/users/${id}/reactivate`),
    );
    await page
      .getByRole('dialog', { name: `Reactivate ${displayName}?` })
      .getByRole('button', { name: 'Reactivate' })
      .click();
    await expect(page.getByText(`${displayName} is being reactivated: Pending.`)).toBeVisible();
    // The answer's request id is the one the entry keeps.
    const requestId = (await reactivated).headers()['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Audit log entries' });
    const entry = table
      .getByRole('row')
      .filter({ hasText: 'Reactivate User' })
      .filter({ has: page.getByRole('link', { name: email }) })
      .first();
    await expect(entry).toContainText('admin@acme.example');
    await expect(entry).toContainText('Full administrator');
    await expect(entry).toContainText('Succeeded');
    await expect(entry).toContainText('127.0.0.1');
    await expect(entry).toContainText(`Request ${requestId!.slice(0, 8)}…`);
    // Signing in (the test's own session) is in the log too, before the filter leaves it out.
    await expect(table.getByRole('row').filter({ hasText: 'Sign in' }).first()).toBeVisible();

    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Reactivate User' }).click();
    await expect(page).toHaveURL(/\/audit\?action=reactivateUser$/);
    const rows = table.getByRole('row').filter({ has: page.getByRole('rowheader') });
    await expect(rows.filter({ hasText: 'Sign in' })).toHaveCount(0);
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(0);
    await expect(rows.filter({ hasText: 'Reactivate User' })).toHaveCount(shown);

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-log-acme-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'When,Who,Role,Action,Detail,Target,Target id,Target name,Result,Status,Problem,From,Request id,Client request id',
    );
    expect(lines).toHaveLength(shown + 1);
    expect(lines.slice(1).every((line) => line.includes(',Reactivate User,'))).toBe(true);
    expect(
      lines.some((line) =>
        line.includes(
          `admin@acme.example,Full administrator,Reactivate User,,user,${id},${email},succeeded,200,,127.0.0.1,${requestId},`,
        ),
      ),
    ).toBe(true);
  });
});
