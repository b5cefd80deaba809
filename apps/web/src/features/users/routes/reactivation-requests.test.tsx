import { UserListQuery, type HubEvent } from '@hybrid-hub/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeHubEvents, type FakeEventSource } from '../../../testing/fake-event-source.ts';
import { renderApp } from '../../../testing/render.tsx';
import { letTimePass, ORG_ID, server, testEngine } from '../../../testing/test-server.ts';
import { DEFAULT_SORT } from '../api/user-list-params.ts';

const { engine } = testEngine;

/** Requests from now on, counted per method and path. */
function countRequests(): Map<string, number> {
  const hits = new Map<string, number>();
  server.events.on('request:start', ({ request }) => {
    const key = `${request.method} ${new URL(request.url).pathname}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
  });
  return hits;
}

/** Plays the BFF's stream: sends what the engine announced after `afterSeq`, in order. */
async function relayEvents(source: FakeEventSource, afterSeq: number): Promise<number> {
  const stored = await engine.listEvents(ORG_ID, afterSeq, 1000);
  for (const { seq, event } of stored) source.send(event, String(seq));
  return stored.at(-1)?.seq ?? afterSeq;
}

/** What the engine announced after `afterSeq`, by type. */
async function announced(afterSeq: number, type: string): Promise<number> {
  const stored = await engine.listEvents(ORG_ID, afterSeq, 1000);
  return stored.filter(({ event }) => event.type === type).length;
}

/** Longer than the live updates' window, so a trailing read would have happened. */
const pastTheWindow = () => new Promise((resolve) => setTimeout(resolve, 1200));

/**
 * From the Users list (users in Error) to the n-th one's page, then Reactivate User. With
 * `announceFirst`, the stream announces the change before its answer arrives, as the BFF's does
 * (it commits, the stream is woken, then it answers).
 */
async function reactivateFromTheList(
  n: number,
  events?: ReturnType<typeof createFakeHubEvents>,
  { announceFirst = false } = {},
) {
  const rendered = renderApp('/users?status=Error', { events: events?.events });
  const grid = await screen.findByRole('grid', { name: 'Users' });
  events?.sources[0]!.open();
  const { items } = await engine.listUsers(
    ORG_ID,
    UserListQuery.parse({ status: 'Error', sort: DEFAULT_SORT }),
  );
  const target = await engine.getUser(ORG_ID, items[n]!.id);
  await rendered.user.click(await within(grid).findByText(target.email));
  await screen.findByRole('heading', { level: 1, name: target.displayName });
  const afterSeq = await engine.lastEventSeq(ORG_ID);
  const hits = countRequests();
  const announcement: HubEvent = {
    type: 'users.changed',
    users: [{ id: target.id, status: 'Pending', version: target.version + 1 }],
  };
  if (announceFirst) {
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST') events!.sources[0]!.send(announcement);
    });
  }
  await rendered.user.click(screen.getByRole('button', { name: 'Reactivate User' }));
  const dialog = await screen.findByRole('dialog');
  await rendered.user.click(within(dialog).getByRole('button', { name: 'Reactivate' }));
  await screen.findByText(`${target.displayName} is being reactivated: Pending.`);
  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  /** Back to the users in Error: the list shows the user gone from it (Pending now). */
  const backToUsers = async () => {
    await rendered.user.click(screen.getAllByRole('link', { name: 'Users' }).at(-1)!);
    const grid = await screen.findByRole('grid', { name: 'Users' });
    await waitFor(() => expect(within(grid).queryByText(target.email)).not.toBeInTheDocument());
  };
  return { target, hits, afterSeq, announcement, backToUsers };
}

type Reactivated = Awaited<ReturnType<typeof reactivateFromTheList>>;

/**
 * Back on Users once the window has passed: the user was not read again (the answer is the user
 * as it is now, and the event names that same version), the list and the counts once.
 */
async function expectOneReadOfEach({ target, hits, backToUsers }: Reactivated) {
  await pastTheWindow();
  await backToUsers();
  await pastTheWindow();
  expect(Object.fromEntries(hits)).toEqual({
    [`POST /api/v1/users/${target.id}/reactivate`]: 1,
    'GET /api/v1/users': 1,
    'GET /api/v1/users/status-counts': 1,
  });
}

describe('Requests after Reactivate User', () => {
  it('reads each query the change affects once: the user from the answer, the list and counts on its event', async () => {
    const fake = createFakeHubEvents();
    const reactivated = await reactivateFromTheList(0, fake);
    // The BFF announces the change (users.changed, the user's new version) on the stream.
    const { afterSeq } = reactivated;
    expect(await relayEvents(fake.sources[0]!, afterSeq)).toBeGreaterThan(afterSeq);
    await expectOneReadOfEach(reactivated);
  });

  it('does not read the user again either when its event arrives before the answer', async () => {
    const reactivated = await reactivateFromTheList(1, createFakeHubEvents(), {
      announceFirst: true,
    });
    // What was announced is what the engine stored for the change.
    const stored = await engine.listEvents(ORG_ID, reactivated.afterSeq, 10);
    expect(stored.map(({ event }) => event)).toContainEqual(reactivated.announcement);
    await expectOneReadOfEach(reactivated);
  });

  it('without an event stream, the list shows the change too (read again once)', async () => {
    const { hits, backToUsers } = await reactivateFromTheList(2);
    await backToUsers();
    await pastTheWindow();
    expect(hits.get('GET /api/v1/users')).toBe(1);
    expect(hits.get('GET /api/v1/users/status-counts')).toBe(1);
  });

  it('a bulk Reactivate reads the list and counts once per users.changed, not again when the job completes', async () => {
    const { events, sources } = createFakeHubEvents();
    const { user } = renderApp('/users?status=Error', { events });
    const grid = await screen.findByRole('grid', { name: 'Users' });
    sources[0]!.open();
    const { items } = await engine.listUsers(
      ORG_ID,
      UserListQuery.parse({ status: 'Error', sort: DEFAULT_SORT }),
    );
    const target = items[3]!;
    const row = (await within(grid).findByText(target.email)).closest<HTMLElement>('[role="row"]')!;
    const start = await engine.lastEventSeq(ORG_ID);
    const hits = countRequests();
    await user.click(within(row).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Reactivate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reactivate 1 user?' });
    await user.click(within(dialog).getByRole('button', { name: 'Reactivate 1 user' }));
    const panel = await screen.findByRole('region', { name: 'Reactivating 1 user' });

    // The BFF's loop applies the job, then the activation settles; the stream says each step.
    let seq = start;
    for (let round = 0; round < 6; round += 1) {
      await letTimePass();
      seq = await relayEvents(sources[0]!, seq);
      await pastTheWindow();
    }
    expect(await within(panel).findByText('1 of 1 done')).toBeInTheDocument();
    await pastTheWindow();

    const changes = await announced(start, 'users.changed');
    expect(changes).toBeGreaterThanOrEqual(2);
    expect(hits.get('GET /api/v1/users')).toBe(changes);
    expect(hits.get('GET /api/v1/users/status-counts')).toBe(changes);
  });
});
