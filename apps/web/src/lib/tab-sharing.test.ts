import type { HubEvent } from '@hybrid-hub/contract';
import { describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../testing/fake-event-source.ts';
import { createHubEvents } from './events.ts';
import * as hubEventSchema from './hub-event-schema.ts';
import type { TabMessage, TabSharing } from './tab-sharing.ts';

/**
 * Several "tabs" in one test: a fake BroadcastChannel (every tab but the sender receives) and a
 * fake Web Lock (granted in request order, passed on when the holder releases it).
 */
function fakeBrowser() {
  const tabs = new Set<(message: TabMessage) => void>();
  const queue: { lead: () => void; cancelled: boolean }[] = [];
  let holder: (typeof queue)[number] | null = null;
  const grantNext = () => {
    while (!holder && queue.length > 0) {
      const next = queue.shift()!;
      if (next.cancelled) continue;
      holder = next;
      next.lead();
    }
  };
  const sharing = (): TabSharing => {
    const mine = new Set<(message: TabMessage) => void>();
    const deliver = (message: TabMessage) => mine.forEach((listener) => listener(message));
    tabs.add(deliver);
    return {
      requestLeadership(lead) {
        const request = { lead, cancelled: false };
        queue.push(request);
        queueMicrotask(grantNext);
        return () => {
          request.cancelled = true;
          if (holder === request) {
            holder = null;
            queueMicrotask(grantNext);
          }
        };
      },
      post: (message) => tabs.forEach((tab) => tab !== deliver && tab(structuredClone(message))),
      onMessage(listener) {
        mine.add(listener);
        return () => mine.delete(listener);
      },
      close: () => tabs.delete(deliver),
    };
  };
  const sources: FakeEventSource[] = [];
  const openTab = () =>
    createHubEvents({
      sharing: sharing(),
      schema: hubEventSchema,
      createSource: (url) => {
        const source = new FakeEventSource(url);
        sources.push(source);
        return source;
      },
    });
  return { openTab, sources };
}

const event = (id: string): HubEvent => ({
  type: 'users.changed',
  users: [{ id, status: 'Active', version: 2 }],
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('one event stream shared by the tabs of a browser', () => {
  it('opens a single stream for many tabs and relays its events to all of them', async () => {
    const browser = fakeBrowser();
    const received = [vi.fn(), vi.fn(), vi.fn()];
    const tabs = received.map((handler) => {
      const tab = browser.openTab();
      tab.subscribe('users.changed', handler);
      return tab;
    });
    await settle();
    expect(browser.sources).toHaveLength(1);

    browser.sources[0]!.open();
    expect(tabs.map((tab) => tab.connection())).toEqual(['open', 'open', 'open']);
    browser.sources[0]!.send(event('u1'), '41');
    for (const handler of received) expect(handler).toHaveBeenCalledWith(event('u1'));
  });

  it('tells a tab that joins later that the stream is open', async () => {
    const browser = fakeBrowser();
    browser.openTab().subscribe('users.changed', () => {});
    await settle();
    browser.sources[0]!.open();
    const late = browser.openTab();
    late.subscribe('job.progress', () => {});
    await settle();
    expect(late.connection()).toBe('open');
    expect(browser.sources).toHaveLength(1);
  });

  it('hands the stream to another tab when the leader goes, resuming after the last event', async () => {
    const browser = fakeBrowser();
    const leader = browser.openTab();
    leader.subscribe('users.changed', () => {});
    const follower = browser.openTab();
    const onUsers = vi.fn();
    follower.subscribe('users.changed', onUsers);
    await settle();
    browser.sources[0]!.open();
    browser.sources[0]!.send(event('u1'), '57');

    leader.close();
    await settle();
    expect(browser.sources[0]!.closed).toBe(true);
    expect(browser.sources).toHaveLength(2);
    expect(browser.sources[1]!.url).toContain('lastEventId=57');
    browser.sources[1]!.open();
    expect(follower.connection()).toBe('open');
    browser.sources[1]!.send(event('u2'), '58');
    expect(onUsers).toHaveBeenLastCalledWith(event('u2'));
  });
});
