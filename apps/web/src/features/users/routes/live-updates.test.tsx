import { UserListQuery } from '@hybrid-hub/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeHubEvents } from '../../../testing/fake-event-source.ts';
import { renderApp } from '../../../testing/render.tsx';
import {
  letTimePass,
  ORG_ID,
  server,
  settleEverything,
  testEngine,
} from '../../../testing/test-server.ts';

const { engine } = testEngine;
const by = { orgId: ORG_ID, actor: 'Test administrator' };

async function notActivated(n: number) {
  const { items } = await engine.listUsers(
    ORG_ID,
    UserListQuery.parse({ status: 'Not activated', pageSize: 100 }),
  );
  return items[n]!;
}

/** Counts the requests for `path` from now on. */
function countRequests(path: string): () => number {
  let count = 0;
  server.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname === path) count += 1;
  });
  return () => count;
}

describe('Live updates through server-sent events', () => {
  it('turns a Pending user Active or Error on users.changed, without polling', async () => {
    const target = await notActivated(0);
    await engine.setMessageService(by, target.id, true);
    const { events, sources } = createFakeHubEvents();
    renderApp(`/users/${target.id}`, { events });
    const title = (await screen.findByRole('heading', { level: 1, name: target.displayName }))
      .parentElement!;
    expect(title).toHaveTextContent('Pending');
    expect(sources).toHaveLength(1);
    sources[0]!.open();

    await letTimePass();
    const settled = await engine.getUser(ORG_ID, target.id);
    expect(settled.status).not.toBe('Pending');
    // With events arriving, the page does not poll: nothing changes until the event.
    const reads = countRequests(`/api/v1/users/${target.id}`);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(reads()).toBe(0);
    expect(title).toHaveTextContent('Pending');

    sources[0]!.send({
      type: 'users.changed',
      users: [{ id: target.id, status: settled.status, version: settled.version }],
    });

    await waitFor(() => expect(title).toHaveTextContent(settled.status));
    expect(reads()).toBeGreaterThan(0);
  });

  it('moves a bulk job on job.progress events', async () => {
    const chosen = await notActivated(1);
    const { events, sources } = createFakeHubEvents();
    const { user } = renderApp('/users?status=Not%20activated', { events });
    const grid = await screen.findByRole('grid', { name: 'Users' });
    const row = (await within(grid).findByText(chosen.email)).closest<HTMLElement>('[role="row"]')!;
    sources[0]!.open();
    await user.click(within(row).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Activate' }));
    const panel = await screen.findByRole('region', { name: 'Activating 1 user' });

    await settleEverything();
    const jobId = await waitFor(() => {
      const id = sessionStorage.getItem('hybrid-hub.users.job');
      expect(id).toBeTruthy();
      return id!;
    });
    const job = await engine.getJob(ORG_ID, jobId);
    expect(job.state).toBe('completed');
    sources[0]!.send({ type: 'job.progress', job });

    // Polling would take 5 s while events arrive: the event shows it at once.
    expect(
      await within(panel).findByText('1 of 1 done', undefined, { timeout: 1500 }),
    ).toBeInTheDocument();
    expect(within(panel).getByRole('alert')).toHaveTextContent(job.summary);
  });
});
