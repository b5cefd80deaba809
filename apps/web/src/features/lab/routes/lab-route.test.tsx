import { UserListQuery } from '@hybrid-hub/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../mocks/handlers.ts';
import { renderApp } from '../../../testing/render.tsx';
import { letTimePass, ORG_ID, server, testEngine } from '../../../testing/test-server.ts';

const { engine } = testEngine;

async function activeUser(n: number) {
  const { items } = await engine.listUsers(
    ORG_ID,
    UserListQuery.parse({ status: 'Active', pageSize: 100 }),
  );
  return engine.getUser(ORG_ID, items[n]!.id);
}

describe('Lab', () => {
  it('is in the navigation while the Lab is on, and finds a user by name', async () => {
    const target = await activeUser(0);
    const { user, router } = renderApp('/');
    await user.click(await screen.findByRole('link', { name: 'Lab' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Lab' })).toBeInTheDocument();
    expect(screen.getByText('Pick a user to work on')).toBeInTheDocument();

    await user.type(screen.getByRole('combobox', { name: 'Find a user' }), target.email);
    await user.click(await screen.findByRole('option', { name: new RegExp(target.email) }));

    await waitFor(() => expect(router.state.location.search).toBe(`?user=${target.id}`));
    const directory = await screen.findByRole('table', { name: 'Directory entries' });
    expect(within(directory).getAllByText(target.email).length).toBeGreaterThan(0);
    expect(within(directory).getByText('Main entry')).toBeInTheDocument();
  });

  it('edits the mailid, then leads to the user, whose reactivation meets the new mailid', async () => {
    const target = await activeUser(1);
    const { user } = renderApp(`/lab?user=${target.id}`);
    const mailid = await screen.findByRole('textbox', { name: 'Mailid' });
    expect(mailid).toHaveValue(target.email);
    const save = screen.getByRole('button', { name: 'Save mailid' });
    expect(save).toBeDisabled();

    await user.clear(mailid);
    await user.type(mailid, 'someone.else@acme.example');
    expect(screen.getByText(/activation fails with MAIL_ID_MISMATCH/)).toBeInTheDocument();
    await user.click(save);

    expect(
      await screen.findByText(/Mailid changed to someone\.else@acme\.example\. The user's status/),
    ).toBeInTheDocument();
    const lab = await engine.getLabUser(ORG_ID, target.id);
    expect(lab.directoryEntries.map((e) => e.mailid)).toContain('someone.else@acme.example');
    // The Lab changes conditions, not the status: still Active until activation runs again.
    expect((await engine.getUser(ORG_ID, target.id)).status).toBe('Active');

    await user.click(screen.getByRole('link', { name: 'Open user' }));
    await screen.findByRole('heading', { level: 1, name: target.displayName });
    await user.click(screen.getByRole('button', { name: 'Reactivate User' }));
    await user.click(await screen.findByRole('button', { name: 'Reactivate' }));
    await screen.findByText(`${target.displayName} is being reactivated: Pending.`);
    await letTimePass();

    expect(await screen.findByText('MAIL_ID_MISMATCH')).toBeInTheDocument();
  });

  it('fixes a mailid mismatch with the cloud email in two clicks', async () => {
    const { items } = await engine.listUsers(
      ORG_ID,
      UserListQuery.parse({ status: 'Error', pageSize: 100 }),
    );
    const mismatch = items.find((u) => u.errorCode === 'MAIL_ID_MISMATCH');
    expect(mismatch, 'the demo seed has a mailid mismatch').toBeDefined();
    const { user } = renderApp(`/lab?user=${mismatch!.id}`);
    const mailid = await screen.findByRole('textbox', { name: 'Mailid' });
    expect(mailid).not.toHaveValue(mismatch!.email);

    await user.click(screen.getByRole('button', { name: 'Use the cloud email' }));
    expect(mailid).toHaveValue(mismatch!.email);
    expect(screen.getByText('Matches the email in the cloud.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save mailid' }));

    expect(
      await screen.findByText(new RegExp(`^Mailid changed to ${mismatch!.email}\\. The user's`)),
    ).toBeInTheDocument();
    const lab = await engine.getLabUser(ORG_ID, mismatch!.id);
    expect(lab.directoryEntries.map((e) => e.mailid)).toContain(mismatch!.email);
  });

  it('toggles an entitlement at once, saying what changed', async () => {
    const target = await activeUser(2);
    const { user } = renderApp(`/lab?user=${target.id}`);
    const entitlement = await screen.findByRole('switch', { name: 'Hybrid Message' });
    expect(entitlement).toBeChecked();

    await user.click(entitlement);

    expect(await screen.findByText(/^Hybrid Message entitlement taken away\./)).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('switch', { name: 'Hybrid Message' })).not.toBeChecked(),
    );
    expect((await engine.getLabUser(ORG_ID, target.id)).entitlements.hybridMessage).toBe(false);
  });

  it('is neither in the navigation nor usable while the Lab is off', async () => {
    server.use(...createHandlers({ engine, orgId: ORG_ID, labEnabled: false }));
    renderApp('/lab');
    expect(await screen.findByText('The Lab is off')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Clusters' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Lab' })).not.toBeInTheDocument();
  });
});
