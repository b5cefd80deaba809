import { HubEvent, type UsersChangedEvent } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { problemFields, switchMessageService, usersIn } from '../testing/api.ts';
import { openEventStream, type StreamMessage } from '../testing/event-stream-client.ts';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

let bff: TestBff;
beforeAll(async () => {
  // A fast poll and heartbeat, so the tests of both need not wait seconds.
  bff = await startTestBff({}, undefined, {
    eventStreamTiming: { pollMs: 100, heartbeatMs: 50 },
  });
});
afterAll(() => bff.destroy());

const eventsUrl = () => `${bff.url}/api/v1/events`;

/** A users.changed message that names the user. */
const changes = (userId: string) => (message: StreamMessage) =>
  message.event === 'users.changed' &&
  (HubEvent.parse(JSON.parse(message.data)) as UsersChangedEvent).users.some(
    (user) => user.id === userId,
  );

describe('GET /api/v1/events', () => {
  it('answers an unbuffered event stream and tells the browser how soon to reconnect', async () => {
    const stream = await openEventStream(eventsUrl(), bff.headers);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.response.headers.get('content-encoding')).toBeNull();
    await vi.waitFor(() => expect(stream.retry).toBe(3000));
    await vi.waitFor(() => expect(stream.comments).toContain('heartbeat'));
    stream.close();
  });

  it('sends users.changed when a user is switched on, numbered for resuming', async () => {
    const stream = await openEventStream(eventsUrl(), bff.headers);
    const [user] = await usersIn(bff, 'Not activated');
    await switchMessageService(bff, user!.id, true);
    const message = await stream.waitFor(changes(user!.id));
    expect(message.id).toMatch(/^\d+$/);
    const event = HubEvent.parse(JSON.parse(message.data)) as UsersChangedEvent;
    expect(event.type).toBe('users.changed');
    expect(event.users.find((entry) => entry.id === user!.id)?.status).toBe('Pending');
    stream.close();
  });

  it('starts a new client at the newest event, without old history', async () => {
    const [first, second] = await usersIn(bff, 'Not activated', { count: 2 });
    const watcher = await openEventStream(eventsUrl(), bff.headers);
    await switchMessageService(bff, first!.id, true);
    await watcher.waitFor(changes(first!.id));

    const late = await openEventStream(eventsUrl(), bff.headers);
    await switchMessageService(bff, second!.id, true);
    await late.waitFor(changes(second!.id));
    expect(late.messages.some(changes(first!.id))).toBe(false);
    watcher.close();
    late.close();
  });

  it('resumes after Last-Event-ID with every event missed, in order', async () => {
    const [first, second, third] = await usersIn(bff, 'Not activated', { count: 3 });
    const stream = await openEventStream(eventsUrl(), bff.headers);
    await switchMessageService(bff, first!.id, true);
    const seen = await stream.waitFor(changes(first!.id));
    stream.close();

    // Missed while disconnected.
    await switchMessageService(bff, second!.id, true);
    await switchMessageService(bff, third!.id, true);

    for (const resume of [
      () => openEventStream(eventsUrl(), { ...bff.headers, 'Last-Event-ID': seen.id! }),
      () => openEventStream(`${eventsUrl()}?lastEventId=${seen.id}`, bff.headers),
    ]) {
      const resumed = await resume();
      await resumed.waitFor(changes(third!.id));
      const ids = resumed.messages.map((message) => Number(message.id));
      expect(ids.every((id) => id > Number(seen.id))).toBe(true);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const missed = resumed.messages.findIndex(changes(second!.id));
      expect(missed).toBeGreaterThanOrEqual(0);
      expect(missed).toBeLessThan(resumed.messages.findIndex(changes(third!.id)));
      expect(resumed.messages.some(changes(first!.id))).toBe(false);
      expect(resumed.messages.some((message) => message.event === 'resync')).toBe(false);
      resumed.close();
    }
  });

  it('tells a client resuming from a pruned event to read everything again', async () => {
    const [first, missed, after, later] = await usersIn(bff, 'Not activated', { count: 4 });
    const stream = await openEventStream(eventsUrl(), bff.headers);
    await switchMessageService(bff, first!.id, true);
    const seen = await stream.waitFor(changes(first!.id));
    stream.close();
    await switchMessageService(bff, missed!.id, true);
    // The retention window passes over both events the client saw and one it did not.
    await bff.store.pruneEvents(bff.clock.now() + 1);
    await switchMessageService(bff, after!.id, true);

    const resumed = await openEventStream(eventsUrl(), {
      ...bff.headers,
      'Last-Event-ID': seen.id!,
    });
    const resync = await resumed.waitFor((message) => message.event === 'resync');
    expect(HubEvent.parse(JSON.parse(resync.data))).toEqual({ type: 'resync' });
    expect(resumed.messages[0]).toBe(resync);
    // It follows from the newest event on: new changes arrive, numbered after the resync.
    await switchMessageService(bff, later!.id, true);
    const next = await resumed.waitFor(changes(later!.id));
    expect(Number(next.id)).toBeGreaterThan(Number(resync.id));
    expect(resumed.messages.some(changes(missed!.id))).toBe(false);
    resumed.close();
  });

  it('delivers events it was not woken for (committed by another replica)', async () => {
    const stream = await openEventStream(eventsUrl(), bff.headers);
    await vi.waitFor(() => expect(stream.retry).toBe(3000));
    // Straight into the outbox, as another BFF sharing the store would: no notifier here.
    await bff.store.appendEvents('acme', bff.clock.now(), [
      { type: 'users.changed', users: [{ id: 'acme-elsewhere', status: 'Active', version: 7 }] },
    ]);
    await stream.waitFor(changes('acme-elsewhere'), 2000);
    stream.close();
  });

  it('stops following when the client leaves', async () => {
    // The earlier tests' clients have all left by now: none of their streams is still followed.
    await vi.waitFor(() => expect(bff.events.size).toBe(0));
    const stream = await openEventStream(eventsUrl(), bff.headers);
    await vi.waitFor(() => expect(bff.events.size).toBe(1));
    stream.close();
    await vi.waitFor(() => expect(bff.events.size).toBe(0));
  });

  it("keeps at most 10 streams per session: an 11th ends that session's oldest, no one else's", async () => {
    await vi.waitFor(() => expect(bff.events.size).toBe(0));
    const other = await bff.signIn('admin@acme.example');
    const others = await Promise.all(
      Array.from({ length: 3 }, () => openEventStream(eventsUrl(), other.headers)),
    );
    const ended = new Set<number>();
    const mine = [];
    for (let i = 0; i < 11; i += 1) {
      const stream = await openEventStream(eventsUrl(), bff.headers);
      expect(stream.response.status).toBe(200);
      await vi.waitFor(() => expect(stream.retry).toBe(3000));
      void stream.ended.then(() => ended.add(i));
      mine.push(stream);
    }
    // The first one, the one a tab long gone would hold, is ended by the server.
    await vi.waitFor(() => expect([...ended]).toEqual([0]));
    await vi.waitFor(() => expect(bff.events.size).toBe(10 + others.length));
    // The other ten and the other session's three still receive events.
    const [user] = await usersIn(bff, 'Not activated');
    await switchMessageService(bff, user!.id, true);
    for (const stream of [...mine.slice(1), ...others]) await stream.waitFor(changes(user!.id));
    expect(mine[0]!.messages.some(changes(user!.id))).toBe(false);
    expect([...ended]).toEqual([0]);
    for (const stream of [...mine, ...others]) stream.close();
  });

  it.each([
    [{ 'Last-Event-ID': 'abc' }, '', ['headers.last-event-id']],
    [{}, '?lastEventId=-1', ['query.lastEventId']],
    [{}, '?since=3', ['query.since']],
  ])('rejects %j %s', async (headers, query, fields) => {
    expect(await problemFields(await bff.get(`/api/v1/events${query}`, headers))).toEqual(fields);
  });
});

describe('HUB_SESSION_STREAMS', () => {
  it('sets how many streams a session keeps', async () => {
    const own = await startTestBff({ HUB_SESSION_STREAMS: '2' });
    try {
      const open = async () => {
        const stream = await openEventStream(`${own.url}/api/v1/events`, own.headers);
        await vi.waitFor(() => expect(stream.retry).toBe(3000));
        return stream;
      };
      const first = await open();
      const rest = [await open(), await open()];
      await first.ended;
      await vi.waitFor(() => expect(own.events.size).toBe(2));
      for (const stream of rest) stream.close();
    } finally {
      await own.destroy();
    }
  });
});

describe('stopping the BFF', () => {
  it('ends open event streams instead of waiting for their clients', async () => {
    const own = await startTestBff();
    const stream = await openEventStream(`${own.url}/api/v1/events`, own.headers);
    await vi.waitFor(() => expect(stream.retry).toBe(3000));
    const started = performance.now();
    await own.destroy();
    await stream.ended;
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
