import { UserListQuery } from '@hybrid-hub/contract';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../lib/api-client.ts';
import { sessionQuery } from '../lib/session.ts';
import { createTestQueryClient } from '../testing/render.tsx';
import { mockSession, ORG_ID, server, testEngine } from '../testing/test-server.ts';
import { ProblemReference } from './problem-reference.tsx';

/** What a request through the SPA's client failed with. */
async function failureOf(request: Promise<unknown>): Promise<unknown> {
  try {
    await request;
  } catch (error) {
    return error;
  }
  throw new Error('the request did not fail');
}

async function errorUserId(): Promise<string> {
  const { items } = await testEngine.engine.listUsers(
    ORG_ID,
    UserListQuery.parse({ status: 'Error', pageSize: 1 }),
  );
  return items[0]!.id;
}

/** Reactivate User as `email`: refused (403) for a role that may not change anything. */
async function refusedChangeAs(email: string): Promise<unknown> {
  mockSession.signInAs(email);
  const id = await errorUserId();
  return failureOf(apiClient.request('reactivateUser', { params: { id } }));
}

/** The reference under `error`, as `email` signed in sees it (nobody: the sign-in page). */
async function renderReference(error: unknown, email?: string) {
  const queryClient = createTestQueryClient();
  if (email) {
    mockSession.signInAs(email);
    await queryClient.fetchQuery(sessionQuery);
  }
  const router = createMemoryRouter([{ path: '*', element: <ProblemReference error={error} /> }]);
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { user, router };
}

function requestIdOf(error: unknown): string {
  const id = (error as { problem: { requestId?: string } }).problem.requestId;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

describe('A failure’s reference', () => {
  it('links a Read-only administrator from a refused change to its audit log entry', async () => {
    const error = await refusedChangeAs('readonly@acme.example');
    const id = requestIdOf(error);
    const { user, router } = await renderReference(error, 'readonly@acme.example');

    expect(screen.getByText(/^Reference:/)).toHaveTextContent(`Reference: ${id.slice(0, 8)}…`);
    const link = screen.getByRole('link', { name: `Reference ${id}: open its audit log entry` });
    expect(link).toHaveAttribute('href', `/audit?requestId=${id}`);

    await user.click(screen.getByRole('button', { name: `Copy request id ${id}` }));
    expect(await navigator.clipboard.readText()).toBe(id);
    await user.click(link);
    expect(router.state.location.search).toBe(`?requestId=${id}`);
  });

  it('is plain text for a Support administrator, who may not read the audit log', async () => {
    const error = await refusedChangeAs('support@acme.example');
    const id = requestIdOf(error);
    const { user } = await renderReference(error, 'support@acme.example');

    expect(screen.getByText(/^Reference:/)).toHaveTextContent(`Reference: ${id.slice(0, 8)}…`);
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByTitle(id)).toHaveTextContent(`${id.slice(0, 8)}…`);
    // The whole id still reaches support: copied with the keyboard.
    await user.tab();
    expect(screen.getByRole('button', { name: `Copy request id ${id}` })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await navigator.clipboard.readText()).toBe(id);
  });

  it('is plain text on the sign-in page, where nobody is signed in', async () => {
    mockSession.signInAs(undefined);
    const error = await failureOf(
      apiClient.request('signIn', { body: { email: 'admin@acme.example', password: 'not-it' } }),
    );
    const id = requestIdOf(error);
    await renderReference(error);
    expect(screen.getByText(/^Reference:/)).toHaveTextContent(`Reference: ${id.slice(0, 8)}…`);
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('does not link a page that could not load, even for a Full administrator: reads leave no audit entry', async () => {
    mockSession.signInAs('admin@acme.example');
    const error = await failureOf(apiClient.request('getUser', { params: { id: 'nobody' } }));
    const id = requestIdOf(error);
    await renderReference(error, 'admin@acme.example');
    expect(screen.getByText(/^Reference:/)).toHaveTextContent(`Reference: ${id.slice(0, 8)}…`);
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows nothing when no server answered (the SPA made the problem up)', async () => {
    server.use(http.get('*/api/v1/users/:id', () => HttpResponse.error()));
    const error = await failureOf(apiClient.request('getUser', { params: { id: 'anyone' } }));
    expect(error).toMatchObject({ problem: { title: 'Cannot reach the server' } });
    await renderReference(error, 'admin@acme.example');
    expect(screen.queryByText(/Reference/)).not.toBeInTheDocument();
  });

  it('shows nothing for a crash in the page itself', async () => {
    await renderReference(new TypeError('x is undefined'), 'admin@acme.example');
    expect(screen.queryByText(/Reference/)).not.toBeInTheDocument();
  });
});
