import { UserListQuery } from '@hybrid-hub/contract';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../testing/render.tsx';
import { ORG_ID, testEngine } from '../../../testing/test-server.ts';

describe('User page', () => {
  it('shows the error message and the remedy of a user in Error', async () => {
    const { items } = await testEngine.engine.listUsers(
      ORG_ID,
      UserListQuery.parse({ status: 'Error', pageSize: 1 }),
    );
    const user = await testEngine.engine.getUser(ORG_ID, items[0]!.id);
    expect(user.error).not.toBeNull();
    renderApp(`/users/${user.id}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: user.displayName }),
    ).toBeInTheDocument();
    expect(screen.getByText(user.email)).toBeInTheDocument();
    expect(screen.getAllByText('Error').length).toBeGreaterThan(0);
    expect(screen.getByText(user.error!.message)).toBeInTheDocument();
    expect(screen.getByText(user.error!.remedy)).toBeInTheDocument();
    expect(screen.getByText(user.error!.code)).toBeInTheDocument();
  });

  it('shows the assignment of an Active user, with Save waiting for a change', async () => {
    const { items } = await testEngine.engine.listUsers(
      ORG_ID,
      UserListQuery.parse({ status: 'Active', pageSize: 1 }),
    );
    const user = await testEngine.engine.getUser(ORG_ID, items[0]!.id);
    renderApp(`/users/${user.id}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: user.displayName }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: user.assignment!.clusterName })).toBeInTheDocument();
    expect(screen.getByText(user.assignment!.nodeHostname)).toBeInTheDocument();
    if (user.homeImpNode) expect(screen.getByText(user.homeImpNode.address)).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Message Service' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reactivate User' })).toBeEnabled();
  });

  it('says the user was not found, with a way back', async () => {
    renderApp('/users/no-such-user');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'User not found' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to users' })).toHaveAttribute('href', '/users');
  });
});
