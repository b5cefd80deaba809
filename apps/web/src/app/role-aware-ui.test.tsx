import { UserListQuery } from '@hybrid-hub/contract';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../testing/render.tsx';
import { mockSession, ORG_ID, testEngine } from '../testing/test-server.ts';

const SUPPORT_WHY =
  "A Support administrator can read users, their history and Diagnostics, and can't change anything.";
const READ_ONLY_WHY = 'A Read-only administrator can read everything and change nothing.';

async function userIn(status: 'Error' | 'Active') {
  const { items } = await testEngine.engine.listUsers(
    ORG_ID,
    UserListQuery.parse({ status, pageSize: 1 }),
  );
  return items[0]!;
}

function navLinks(): string[] {
  const nav = screen.getByRole('navigation', { name: 'Main' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

describe('What each role sees', () => {
  it('shows a Full administrator every screen, the Lab included, and every action', async () => {
    const user = await userIn('Error');
    renderApp(`/users/${user.id}`);
    await screen.findByRole('heading', { level: 1, name: user.displayName });
    expect(await screen.findByRole('link', { name: 'Lab' })).toBeInTheDocument();
    expect(navLinks()).toEqual(['Overview', 'Users', 'Clusters', 'Alarms', 'Audit log', 'Lab']);
    expect(screen.getByRole('button', { name: 'Save' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reactivate User' })).toBeEnabled();
    expect(screen.queryByText(/can't change/)).not.toBeInTheDocument();
  });

  it('starts a Support administrator at Users, with only Users in the navigation', async () => {
    mockSession.signInAs('support@acme.example');
    const { router } = renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/users');
    expect(navLinks()).toEqual(['Users']);
    // No bulk actions, no selection, no export: and the page says why.
    expect(
      screen.getByText(
        `You can't activate, deactivate, reactivate or export users. ${SUPPORT_WHY}`,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Export CSV' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Activate' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /select/i })).not.toBeInTheDocument();
  });

  it("shows a Support administrator a user's status, history and Diagnostics, and no way to change them", async () => {
    mockSession.signInAs('support@acme.example');
    const user = await userIn('Error');
    renderApp(`/users/${user.id}`);
    await screen.findByRole('heading', { level: 1, name: user.displayName });
    expect(screen.getByText(`You can't change this user. ${SUPPORT_WHY}`)).toBeInTheDocument();
    expect(screen.queryByRole('switch', { name: 'Message Service' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reactivate User' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Open in Lab' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'See history' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Diagnostics' })).toBeInTheDocument();
  });

  it('tells a Support administrator who follows a link to a cluster why it is not shown', async () => {
    mockSession.signInAs('support@acme.example');
    renderApp('/clusters');
    expect(await screen.findByText('Not available to your role')).toBeInTheDocument();
    expect(screen.getByText(SUPPORT_WHY)).toBeInTheDocument();
  });

  it('lets a Read-only administrator read everything, export, and change nothing', async () => {
    mockSession.signInAs('readonly@acme.example');
    const cluster = (await testEngine.engine.listClusters(ORG_ID)).items[0]!;
    renderApp(`/clusters/${cluster.id}`);
    await screen.findByRole('heading', { level: 1, name: cluster.name });
    expect(navLinks()).toEqual(['Overview', 'Users', 'Clusters', 'Alarms', 'Audit log']);
    expect(
      screen.getByText(
        `You can't put nodes into maintenance mode or restart the Message Connector. ${READ_ONLY_WHY}`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Nodes' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /maintenance mode/ })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Restart Message Connector' }),
    ).not.toBeInTheDocument();
  });

  it('keeps the Lab from a Read-only administrator, saying why', async () => {
    mockSession.signInAs('readonly@acme.example');
    renderApp('/lab');
    expect(await screen.findByText('Not available to your role')).toBeInTheDocument();
    expect(screen.getByText(READ_ONLY_WHY)).toBeInTheDocument();
  });

  it("shows a Read-only administrator the users' export but no bulk actions", async () => {
    mockSession.signInAs('readonly@acme.example');
    renderApp('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Export CSV' })).toBeInTheDocument();
    expect(
      screen.getByText(`You can't activate, deactivate or reactivate users. ${READ_ONLY_WHY}`),
    ).toBeInTheDocument();
  });

  it('shows a Globex administrator Globex, never Acme', async () => {
    mockSession.signInAs('admin@globex.example');
    renderApp('/users');
    expect(await screen.findByTestId('organization-name')).toHaveTextContent('Globex');
    const { items } = await testEngine.engine.listUsers(
      'globex',
      UserListQuery.parse({ pageSize: 1, sort: 'name' }),
    );
    expect(await screen.findByText(items[0]!.email)).toBeInTheDocument();
    expect(screen.queryByText(/@acme\.example/)).not.toBeInTheDocument();
  });
});
