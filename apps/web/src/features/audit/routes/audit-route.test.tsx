import {
  AuditListResponse,
  CSRF_HEADER,
  PROBLEM_CONTENT_TYPE,
  REQUEST_ID_HEADER,
  UserListQuery,
} from '@hybrid-hub/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { MOCK_CLIENT_ADDRESS } from '../../../mocks/mock-audit.ts';
import { MOCK_CSRF_TOKEN } from '../../../mocks/mock-session.ts';
import { renderApp } from '../../../testing/render.tsx';
import { mockSession, ORG_ID, server, testEngine } from '../../../testing/test-server.ts';
import { formatAuditTime } from '../components/audit-table.tsx';

const { engine } = testEngine;

async function auditLog(query = ''): Promise<AuditListResponse> {
  const response = await fetch(new URL(`/api/v1/audit?${query}`, location.origin));
  return AuditListResponse.parse(await response.json());
}

/** A change made through the (mock) API, as another tab of the same admin would. */
function change(
  method: 'POST' | 'PUT',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(new URL(path, location.origin), {
    method,
    headers: { [CSRF_HEADER]: MOCK_CSRF_TOKEN, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function rows(): HTMLElement[] {
  return within(screen.getByRole('table', { name: 'Audit log entries' }))
    .getAllByRole('row')
    .slice(1);
}

async function errorUser(n: number) {
  const { items } = await engine.listUsers(
    ORG_ID,
    UserListQuery.parse({ status: 'Error', pageSize: 10 }),
  );
  return items[n]!;
}

describe('Audit log page', () => {
  it('shows a reactivation made on the User page with who, what, the target and the result, and filters by action', async () => {
    const target = await errorUser(0);
    const { user, router } = renderApp(`/users/${target.id}`);
    await screen.findByRole('heading', { level: 1, name: target.displayName });
    await user.click(screen.getByRole('button', { name: 'Reactivate User' }));
    const dialog = await screen.findByRole('dialog', { name: `Reactivate ${target.displayName}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Reactivate' }));
    await screen.findByText(`${target.displayName} is being reactivated: Pending.`);
    // Another change, so that the action filter has something to leave out.
    await change('PUT', `/api/v1/users/${(await errorUser(1)).id}/message-service`, {
      enabled: false,
    });

    await user.click(await screen.findByRole('link', { name: 'Audit log' }));
    await screen.findByRole('heading', { level: 1, name: 'Audit log' });
    await screen.findByRole('table', { name: 'Audit log entries' });
    const { items, total } = await auditLog('pageSize=50');
    expect(rows()).toHaveLength(Math.min(total, 50));
    const reactivation = items.find((e) => e.action === 'reactivateUser')!;
    const row = rows()[items.indexOf(reactivation)]!;
    expect(within(row).getByRole('rowheader')).toHaveTextContent('Reactivate User');
    expect(row).toHaveTextContent(formatAuditTime(reactivation.at));
    expect(row).toHaveTextContent('admin@acme.exampleFull administrator');
    expect(within(row).getByRole('link', { name: target.email })).toHaveAttribute(
      'href',
      `/users/${target.id}`,
    );
    expect(row).toHaveTextContent(`User · ${target.id}`);
    expect(row).toHaveTextContent('Succeeded');
    expect(row).toHaveTextContent(MOCK_CLIENT_ADDRESS);
    expect(rows()[0]).toHaveTextContent('Message Service switchoff');

    await user.click(screen.getByRole('combobox', { name: 'Action' }));
    await user.click(await screen.findByRole('option', { name: 'Reactivate User' }));
    await waitFor(() => expect(router.state.location.search).toBe('?action=reactivateUser'));
    const reactivations = await auditLog('action=reactivateUser');
    await waitFor(() => expect(rows()).toHaveLength(reactivations.total));
    expect(rows().every((r) => r.textContent?.includes('Reactivate User'))).toBe(true);
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      '/api/v1/audit/export.csv?action=reactivateUser',
    );
  });

  it('records refusals as failed, with the status and the problem', async () => {
    const target = await errorUser(2);
    mockSession.signInAs('support@acme.example');
    expect((await change('POST', `/api/v1/users/${target.id}/reactivate`)).status).toBe(403);
    mockSession.signInAs('admin@acme.example');
    renderApp('/audit?result=failed');
    await screen.findByRole('table', { name: 'Audit log entries' });
    expect(rows()[0]).toHaveTextContent('support@acme.exampleSupport administrator');
    expect(rows()[0]).toHaveTextContent('Failed403 · forbidden');
    expect(screen.getByRole('combobox', { name: 'Result' })).toHaveTextContent('Failed');
  });

  it('names the request of each entry by the id its answer carried, copies it whole, and finds the entry by it', async () => {
    const target = await errorUser(4);
    const response = await change('POST', `/api/v1/users/${target.id}/reactivate`);
    const requestId = response.headers.get(REQUEST_ID_HEADER)!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    // Another change after it, so that finding it by its id has something to leave out.
    await change('PUT', `/api/v1/users/${target.id}/message-service`, { enabled: false });

    const { user, router } = renderApp('/audit');
    await screen.findByRole('table', { name: 'Audit log entries' });
    const row = rows()[1]!;
    expect(row).toHaveTextContent('Reactivate User');
    // Short in the table, as a commit by its hash; the address stays beside it.
    expect(row).toHaveTextContent(`${MOCK_CLIENT_ADDRESS}Request ${requestId.slice(0, 8)}…`);
    expect(row).not.toHaveTextContent(requestId);
    // Wide and narrow layouts each have the button; one shows at a time.
    const [copy] = within(row).getAllByRole('button', { name: `Copy request id ${requestId}` });
    await user.click(copy!);
    expect(await navigator.clipboard.readText()).toBe(requestId);

    const field = screen.getByRole('textbox', { name: 'Request id' });
    await user.type(field, 'not an id{Enter}');
    expect(await screen.findByText(/^Not a request id/)).toBeInTheDocument();
    expect(router.state.location.search).toBe('');

    await user.clear(field);
    await user.type(field, `${requestId}{Enter}`);
    await waitFor(() => expect(router.state.location.search).toBe(`?requestId=${requestId}`));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent(`Reactivate User`);
    expect(rows()[0]).toHaveTextContent(target.email);
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      `/api/v1/audit/export.csv?requestId=${requestId}`,
    );
  });

  it("shows a client's own request id under the request's, and finds the entry by the request's only", async () => {
    const target = await errorUser(5);
    const response = await change('POST', `/api/v1/users/${target.id}/reactivate`, undefined, {
      [REQUEST_ID_HEADER]: 'ticket-4711',
    });
    const requestId = response.headers.get(REQUEST_ID_HEADER)!;
    expect(requestId).not.toBe('ticket-4711');

    renderApp(`/audit?requestId=${requestId}`);
    await screen.findByRole('table', { name: 'Audit log entries' });
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toHaveTextContent(`Request ${requestId.slice(0, 8)}…Client's id ticket-4711`);
    expect(
      within(rows()[0]!).getAllByRole('button', { name: 'Copy request id ticket-4711' }),
    ).not.toHaveLength(0);
    expect((await auditLog('requestId=ticket-4711')).total).toBe(0);
  });

  it('reads its filters from the URL and applies a typed one on Enter, back to page 1', async () => {
    const { user, router } = renderApp('/audit?actor=nobody%40acme.example&page=3');
    expect(await screen.findByText('No entries match these filters')).toBeInTheDocument();
    const who = screen.getByRole('textbox', { name: 'Who (email)' });
    expect(who).toHaveValue('nobody@acme.example');
    await user.clear(who);
    await user.type(who, 'ADMIN@acme.example{Enter}');
    await waitFor(() => expect(router.state.location.search).toBe('?actor=ADMIN%40acme.example'));
    await screen.findByRole('table', { name: 'Audit log entries' });
    expect(rows().every((r) => r.textContent?.includes('admin@acme.example'))).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Who (email)' })).toHaveValue(''),
    );
  });

  it('pages on the server, 50 entries a page', async () => {
    const target = await errorUser(3);
    for (let i = 0; i < 50; i += 1) {
      await change('PUT', `/api/v1/users/${target.id}/message-service`, { enabled: i % 2 === 0 });
    }
    const { total } = await auditLog();
    expect(total).toBeGreaterThan(50);
    const { user, router } = renderApp('/audit');
    await screen.findByRole('table', { name: 'Audit log entries' });
    expect(rows()).toHaveLength(50);
    expect(screen.getByText(`1–50 of ${total} entries`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(router.state.location.search).toBe('?page=2'));
    await waitFor(() => expect(rows()).toHaveLength(Math.min(total - 50, 50)));
    const second = await auditLog('page=2');
    expect(rows()[0]).toHaveTextContent(formatAuditTime(second.items[0]!.at));
  });

  it('says what went wrong when the log cannot be read, and reads it again on Retry', async () => {
    server.use(
      http.get('*/api/v1/audit', () =>
        HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Something went wrong',
            status: 500,
            code: 'internal_error',
            detail: 'The error has been logged.',
          },
          { status: 500, headers: { 'content-type': PROBLEM_CONTENT_TYPE } },
        ),
      ),
    );
    const { user } = renderApp('/audit');
    expect(await screen.findByRole('alert')).toHaveTextContent('The error has been logged.');
    server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('table', { name: 'Audit log entries' });
  });

  it('is not shown to a Support administrator, and says why', async () => {
    mockSession.signInAs('support@acme.example');
    renderApp('/audit');
    expect(await screen.findByText('Not available to your role')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Audit log' })).not.toBeInTheDocument();
  });
});
