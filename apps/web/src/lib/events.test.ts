import type { HubEvent } from '@hybrid-hub/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource as FakeSource } from '../testing/fake-event-source.ts';
import { createHubEvents, type HubEventSchema, type HubEventsOptions } from './events.ts';
import * as hubEventSchema from './hub-event-schema.ts';

const usersChanged: HubEvent = {
  type: 'users.changed',
  users: [{ id: 'u1', status: 'Active', version: 3 }],
};

/** An event client over fake streams; by default with the event schema at hand. */
function setup(options: Pick<HubEventsOptions, 'schema'> = { schema: hubEventSchema }) {
  const sources: FakeSource[] = [];
  const warn = vi.fn();
  const events = createHubEvents({
    createSource: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    reopenDelayMs: 1000,
    warn,
    ...options,
  });
  return { events, sources, warn };
}

describe('hub events client', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens one stream, only once something subscribes', () => {
    const { events, sources } = setup();
    expect(sources).toHaveLength(0);
    expect(events.connection()).toBe('idle');
    events.subscribe('users.changed', () => {});
    events.subscribe('job.progress', () => {});
    expect(sources).toHaveLength(1);
    expect(new URL(sources[0]!.url, location.origin).pathname).toBe('/api/v1/events');
    expect(events.connection()).toBe('connecting');
    sources[0]!.open();
    expect(events.connection()).toBe('open');
  });

  it('hands each subscriber the parsed events of its type', () => {
    const { events, sources } = setup();
    const onUsers = vi.fn();
    const onJob = vi.fn();
    events.subscribe('users.changed', onUsers);
    const unsubscribe = events.subscribe('job.progress', onJob);
    sources[0]!.emit('users.changed', JSON.stringify(usersChanged), '7');
    expect(onUsers).toHaveBeenCalledWith(usersChanged);
    expect(onJob).not.toHaveBeenCalled();

    unsubscribe();
    sources[0]!.emit('users.changed', JSON.stringify(usersChanged), '8');
    expect(onUsers).toHaveBeenCalledTimes(2);
  });

  it('skips payloads that do not match the contract, and keeps listening', () => {
    const { events, sources, warn } = setup();
    const onUsers = vi.fn();
    events.subscribe('users.changed', onUsers);
    sources[0]!.emit('users.changed', 'not json');
    sources[0]!.emit('users.changed', JSON.stringify({ type: 'users.changed', users: 'all' }));
    expect(onUsers).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(2);
    sources[0]!.emit('users.changed', JSON.stringify(usersChanged));
    expect(onUsers).toHaveBeenCalledTimes(1);
  });

  it('lets the browser reconnect by itself, and replaces a stream it gave up on', () => {
    const { events, sources } = setup();
    events.subscribe('users.changed', () => {});
    sources[0]!.open();
    sources[0]!.emit('users.changed', JSON.stringify(usersChanged), '41');

    sources[0]!.fail(false);
    expect(events.connection()).toBe('connecting');
    vi.advanceTimersByTime(5000);
    expect(sources).toHaveLength(1);

    sources[0]!.fail(true);
    expect(sources[0]!.closed).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(sources).toHaveLength(2);
    expect(sources[1]!.url).toBe('/api/v1/events?lastEventId=41');
  });

  it('reports unavailable and does nothing where there is no EventSource', () => {
    const events = createHubEvents({ createSource: () => null, schema: hubEventSchema });
    const onUsers = vi.fn();
    const unsubscribe = events.subscribe('users.changed', onUsers);
    expect(events.connection()).toBe('unavailable');
    unsubscribe();
    events.close();
    expect(events.connection()).toBe('unavailable');
  });

  it('tells listeners when the connection changes', () => {
    const { events, sources } = setup();
    const listener = vi.fn();
    events.onConnectionChange(listener);
    events.subscribe('users.changed', () => {});
    sources[0]!.open();
    events.close();
    expect(listener).toHaveBeenCalledTimes(3);
    expect(events.connection()).toBe('idle');
    expect(sources[0]!.closed).toBe(true);
  });
});

describe('the event schema, loaded with the first subscription', () => {
  it('loads nothing until a screen subscribes, and opens the stream once the schema is there', async () => {
    let loaded!: (schema: HubEventSchema) => void;
    const load = vi.fn(() => new Promise<HubEventSchema>((resolve) => (loaded = resolve)));
    const { events, sources } = setup({ schema: load });
    expect(load).not.toHaveBeenCalled();

    const onUsers = vi.fn();
    events.subscribe('users.changed', onUsers);
    events.subscribe('job.progress', () => {});
    expect(load).toHaveBeenCalledTimes(1);
    expect(events.connection()).toBe('connecting');
    expect(sources).toHaveLength(0);

    loaded(hubEventSchema);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    sources[0]!.open();
    sources[0]!.emit('users.changed', JSON.stringify(usersChanged), '3');
    expect(onUsers).toHaveBeenCalledWith(usersChanged);
    expect(events.connection()).toBe('open');
  });

  it('reads events with the schema from its own module by default', async () => {
    const { events, sources } = setup({});
    const onUsers = vi.fn();
    events.subscribe('users.changed', onUsers);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    sources[0]!.emit('users.changed', JSON.stringify(usersChanged));
    expect(onUsers).toHaveBeenCalledWith(usersChanged);
  });

  it('reports unavailable when the schema cannot load, so screens poll instead', async () => {
    const { events, sources, warn } = setup({ schema: () => Promise.reject(new Error('offline')) });
    events.subscribe('users.changed', () => {});
    await vi.waitFor(() => expect(events.connection()).toBe('unavailable'));
    expect(sources).toHaveLength(0);
    expect(warn).toHaveBeenCalledWith('[events] the event schema did not load', expect.any(Error));
  });
});
