import { IDEMPOTENCY_KEY_HEADER, UserListQuery, type UserStatus } from '@hybrid-hub/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../lib/format.ts';
import { renderApp } from '../../../testing/render.tsx';
import { ORG_ID, server, settleEverything, testEngine } from '../../../testing/test-server.ts';

const { engine } = testEngine;

const listUsers = (input: Record<string, unknown>) =>
  engine.listUsers(ORG_ID, UserListQuery.parse(input));

async function openUsers(status: UserStatus) {
  const rendered = renderApp(`/users?status=${encodeURIComponent(status)}`);
  const grid = await screen.findByRole('grid', { name: 'Users' });
  return { ...rendered, grid };
}

function rowOf(grid: HTMLElement, email: string): HTMLElement {
  return within(grid).getByText(email).closest<HTMLElement>('[role="row"]')!;
}

describe('Users bulk actions', () => {
  it('activates the selected rows and reports progress, then the honest result', async () => {
    const { items } = await listUsers({ status: 'Not activated' });
    const chosen = items.slice(0, 3);
    const { user, grid } = await openUsers('Not activated');
    await within(grid).findByText(chosen[0]!.email);
    const activate = screen.getByRole('button', { name: 'Activate' });
    expect(activate).toBeDisabled();

    for (const target of chosen) {
      await user.click(within(rowOf(grid, target.email)).getByRole('checkbox'));
    }
    expect(screen.getByText('3 users selected')).toBeInTheDocument();
    await user.click(activate);

    const panel = await screen.findByRole('region', { name: 'Activating 3 users' });
    expect(within(panel).getByRole('progressbar', { name: 'Progress' })).toBeInTheDocument();
    expect(within(panel).getByText(/^\d of 3 done$/)).toBeInTheDocument();

    await settleEverything();

    expect(await within(panel).findByText('3 of 3 done')).toBeInTheDocument();
    const outcomes = await Promise.all(chosen.map((c) => engine.getUser(ORG_ID, c.id)));
    const activated = outcomes.filter((u) => u.status === 'Active').length;
    const failed = outcomes.length - activated;
    const summary = within(panel).getByRole('alert');
    expect(summary).toHaveTextContent(`${activated} activated`);
    if (failed > 0) expect(summary).toHaveTextContent(`${failed} failed`);
  });

  it('reactivates users in Error, lists those that failed with reasons, and selects them to retry', async () => {
    const { items } = await listUsers({ status: 'Error' });
    const chosen = items.slice(0, 3);
    const { user, grid } = await openUsers('Error');
    await within(grid).findByText(chosen[0]!.email);
    for (const target of chosen) {
      await user.click(within(rowOf(grid, target.email)).getByRole('checkbox'));
    }

    await user.click(screen.getByRole('button', { name: 'Reactivate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reactivate 3 users?' });
    expect(within(dialog).getByText(/may briefly lose service/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Reactivate 3 users' }));

    const panel = await screen.findByRole('region', { name: 'Reactivating 3 users' });
    await settleEverything();
    expect(await within(panel).findByText('3 of 3 done')).toBeInTheDocument();

    const outcomes = await Promise.all(chosen.map((c) => engine.getUser(ORG_ID, c.id)));
    const stillFailing = outcomes.filter((u) => u.status === 'Error');
    expect(stillFailing.length, 'the causes were not fixed: they fail again').toBeGreaterThan(0);
    const failures = within(panel).getByRole('table', { name: 'Failed users' });
    for (const failed of stillFailing) {
      const row = within(failures).getByRole('link', { name: failed.displayName }).closest('tr')!;
      expect(row).toHaveTextContent(failed.error!.code);
    }

    await user.click(within(panel).getByRole('button', { name: 'Select failed users' }));
    const selected =
      stillFailing.length === 1 ? '1 user selected' : `${stillFailing.length} users selected`;
    expect(await screen.findByText(selected)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reactivate' })).toBeEnabled();
  });

  it('selects every user matching the filter, across pages, and confirms before deactivating them', async () => {
    const { total } = await listUsers({ status: 'Active' });
    expect(total, 'more Active users than one page').toBeGreaterThan(50);
    const { user, grid } = await openUsers('Active');
    await within(grid).findAllByRole('row');
    await waitFor(() =>
      expect(screen.getByText(`${formatNumber(total)} users`)).toBeInTheDocument(),
    );

    await user.click(within(grid).getByRole('checkbox', { name: 'Select all rows' }));
    expect(screen.getByText('50 users selected')).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', {
        name: `Select all ${formatNumber(total)} users matching this filter`,
      }),
    );
    expect(
      screen.getByText(`All ${formatNumber(total)} users matching this filter are selected.`),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Deactivate' }));
    const dialog = await screen.findByRole('dialog', {
      name: `Deactivate ${formatNumber(total)} users?`,
    });
    expect(within(dialog).getByText(/stop receiving messages/)).toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: `Deactivate ${formatNumber(total)} users` }),
    );

    const panel = await screen.findByRole('region', {
      name: `Deactivating ${formatNumber(total)} users`,
    });
    await settleEverything();
    expect(
      await within(panel).findByText(`${formatNumber(total)} of ${formatNumber(total)} done`),
    ).toBeInTheDocument();
    expect(within(panel).getByRole('alert')).toHaveTextContent(
      `${formatNumber(total)} deactivated`,
    );
    expect((await listUsers({ status: 'Active' })).total).toBe(0);
  });

  it('sends a start whose answer was lost again under the same Idempotency-Key; the next click has its own', async () => {
    const keys: string[] = [];
    let loseTheAnswer = true;
    server.use(
      http.post('*/api/v1/users/bulk', ({ request }) => {
        keys.push(request.headers.get(IDEMPOTENCY_KEY_HEADER) ?? 'none');
        if (loseTheAnswer) {
          loseTheAnswer = false;
          return HttpResponse.error();
        }
        return undefined; // on to the engine's handler
      }),
    );
    const { items } = await listUsers({ status: 'Not activated' });
    const { user, grid } = await openUsers('Not activated');
    await within(grid).findByText(items[0]!.email);
    await user.click(within(rowOf(grid, items[0]!.email)).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Activate' }));
    await screen.findByRole('region', { name: 'Activating 1 user' }, { timeout: 5000 });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);

    await user.click(within(rowOf(grid, items[1]!.email)).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Activate' }));
    await waitFor(() => expect(keys).toHaveLength(3));
    expect(keys[2]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('forgets a followed job the server does not know', async () => {
    sessionStorage.setItem('hybrid-hub.users.job', 'no-such-job');
    renderApp('/users');
    expect(await screen.findByRole('region', { name: 'Bulk action' })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Bulk action' })).not.toBeInTheDocument(),
    );
    expect(sessionStorage.getItem('hybrid-hub.users.job')).toBeNull();
  });
});
