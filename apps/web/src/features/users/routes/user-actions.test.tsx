import { UserListQuery, type UserStatus } from '@hybrid-hub/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../testing/render.tsx';
import { letTimePass, ORG_ID, testEngine } from '../../../testing/test-server.ts';

const { engine } = testEngine;
const by = { orgId: ORG_ID, actor: 'Test administrator' };

/** The n-th user (by name) with this status: each test takes its own, the engine is shared. */
async function userWith(status: UserStatus, n = 0) {
  const { items } = await engine.listUsers(ORG_ID, UserListQuery.parse({ status, pageSize: 100 }));
  const summary = items[n];
  if (!summary) throw new Error(`the demo seed has no ${n + 1}th user in ${status}`);
  return engine.getUser(ORG_ID, summary.id);
}

async function openUserPage(id: string, name: string) {
  const rendered = renderApp(`/users/${id}`);
  await screen.findByRole('heading', { level: 1, name });
  return rendered;
}

/** The row of the page's title, where the status chip stands beside the name. */
function headerStatus(): HTMLElement {
  return screen.getByRole('heading', { level: 1 }).parentElement!;
}

describe('User page actions', () => {
  it('saves the Message Service switch: Pending at once, then the outcome by itself', async () => {
    const target = await userWith('Not activated', 0);
    const { user } = await openUserPage(target.id, target.displayName);
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();

    await user.click(screen.getByRole('switch', { name: 'Message Service' }));
    expect(save).toBeEnabled();
    await user.click(save);

    expect(
      await screen.findByText(`Message Service switched on for ${target.displayName}: Pending.`),
    ).toBeInTheDocument();
    expect(headerStatus()).toHaveTextContent('Pending');
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();

    // The service assigns the user; without an event stream (jsdom) the page polls.
    await letTimePass();
    const settled = await engine.getUser(ORG_ID, target.id);
    expect(settled.status).not.toBe('Pending');
    await waitFor(() => expect(headerStatus()).toHaveTextContent(settled.status));
  });

  it('reactivates a user in Error after a confirmation that service may briefly stop', async () => {
    const target = await userWith('Error', 0);
    const { user } = await openUserPage(target.id, target.displayName);

    await user.click(screen.getByRole('button', { name: 'Reactivate User' }));
    const dialog = await screen.findByRole('dialog', { name: `Reactivate ${target.displayName}?` });
    expect(within(dialog).getByText(/may briefly lose service/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Reactivate' }));

    expect(
      await screen.findByText(`${target.displayName} is being reactivated: Pending.`),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(headerStatus()).toHaveTextContent('Pending');
    expect(screen.getByRole('button', { name: 'Reactivate User' })).toBeDisabled();
    expect(screen.getByText('Activation is already in progress.')).toBeInTheDocument();
    expect((await engine.getUser(ORG_ID, target.id)).status).toBe('Pending');
  });

  it('leaves the user as they were when the confirmation is cancelled', async () => {
    const target = await userWith('Error', 1);
    const { user } = await openUserPage(target.id, target.displayName);

    await user.click(screen.getByRole('button', { name: 'Reactivate User' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect((await engine.getUser(ORG_ID, target.id)).status).toBe('Error');
  });

  it('explains why a user who is Not activated cannot be reactivated', async () => {
    const target = await userWith('Not activated', 1);
    await openUserPage(target.id, target.displayName);
    const button = screen.getByRole('button', { name: 'Reactivate User' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(
      'Not activated: switch the Message Service on and save first.',
    );
  });

  it('shows the history newest first, a page at a time', async () => {
    const target = await userWith('Not activated', 2);
    // Eleven times on and off: 22 changes, more than one page of 20.
    for (let i = 0; i < 11; i += 1) {
      await engine.setMessageService(by, target.id, true);
      await engine.setMessageService(by, target.id, false);
    }
    const expected = await engine.getUserHistory(ORG_ID, target.id, { page: 1, pageSize: 100 });
    expect(expected.total).toBeGreaterThan(20);
    const { user } = await openUserPage(target.id, target.displayName);

    await user.click(screen.getByRole('button', { name: 'See history' }));
    const dialog = await screen.findByRole('dialog', { name: `History of ${target.displayName}` });
    const list = await within(dialog).findByRole('list', { name: 'History, newest first' });
    let entries = within(list).getAllByRole('listitem');
    expect(entries).toHaveLength(20);
    expect(entries[0]).toHaveTextContent('Message Service switched off.');
    expect(entries[0]).toHaveTextContent('by Test administrator');
    expect(entries[1]).toHaveTextContent('Message Service switched on.');
    expect(within(dialog).getByText(`Showing 20 of ${expected.total}`)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Load more' }));

    await waitFor(() => {
      entries = within(list).getAllByRole('listitem');
      expect(entries).toHaveLength(expected.total);
    });
    const oldest = expected.items.at(-1)!;
    expect(entries.at(-1)).toHaveTextContent(oldest.message);
    expect(within(dialog).queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('runs Diagnostics: the failing check, in words, with what to do', async () => {
    const target = await userWith('Error', 2);
    const report = await engine.runDiagnostics(ORG_ID, target.id);
    const failing = report.checks.find((check) => check.result === 'fail');
    expect(failing, 'a user in Error fails a check').toBeDefined();
    const { user } = await openUserPage(target.id, target.displayName);

    await user.click(screen.getByRole('button', { name: 'Diagnostics' }));
    const dialog = await screen.findByRole('dialog', {
      name: `Diagnostics for ${target.displayName}`,
    });
    const checks = await within(dialog).findByRole('list', { name: 'Checks' });
    const items = within(checks).getAllByRole('listitem');
    expect(items).toHaveLength(report.checks.length);
    const item = items.find((li) => li.textContent?.includes(failing!.name))!;
    expect(item).toHaveTextContent('Fail');
    expect(item).toHaveTextContent(failing!.detail);
    expect(item).toHaveTextContent(`What to do: ${failing!.remedy!}`);
    expect(within(dialog).getByText(report.summary)).toBeInTheDocument();
  });

  it('says why Reactivate User was refused, with its reference linking to its audit entry', async () => {
    const target = await userWith('Active', 0);
    const { user, router } = await openUserPage(target.id, target.displayName);
    // Switched off in another tab while this page still shows the user Active.
    await engine.setMessageService(by, target.id, false);

    await user.click(screen.getByRole('button', { name: 'Reactivate User' }));
    const dialog = await screen.findByRole('dialog', { name: `Reactivate ${target.displayName}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Reactivate' }));

    const snackbar = await screen.findByText(/^Could not reactivate\./);
    // While the dialog closes the page around it is hidden from assistive technology.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const alert = snackbar.closest<HTMLElement>('[role="alert"]')!;
    const link = within(alert).getByRole('link', {
      name: /^Reference .+: open its audit log entry$/,
    });
    const requestId = /^Reference (\S+):/.exec(link.getAttribute('aria-label')!)![1]!;
    expect(alert).toHaveTextContent(`Reference: ${requestId.slice(0, 8)}…`);
    expect(
      within(alert).getByRole('button', { name: `Copy request id ${requestId}` }),
    ).toBeVisible();

    await user.click(link);
    await waitFor(() => expect(router.state.location.pathname).toBe('/audit'));
    expect(router.state.location.search).toBe(`?requestId=${requestId}`);
    const table = await screen.findByRole('table', { name: 'Audit log entries' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('Reactivate User');
    expect(rows[0]).toHaveTextContent('Failed409 · conflict');
    expect(rows[0]).toHaveTextContent(target.id);
    expect(rows[0]).toHaveTextContent(`Request ${requestId.slice(0, 8)}…`);
  });
});
