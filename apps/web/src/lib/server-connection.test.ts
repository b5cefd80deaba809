import { QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeHubEvents } from '../testing/fake-event-source.ts';
import { createTestQueryClient } from '../testing/render.tsx';
import { ApiError } from './api-client.ts';
import { createServerConnection, isServerUnreachable } from './server-connection.ts';

const problem = (status: number) =>
  new ApiError({ type: 'about:blank', title: 'x', status, code: 'internal_error' });

describe('isServerUnreachable', () => {
  it('is no answer or a proxy that cannot serve, not an answer about the request', () => {
    expect([0, 502, 503, 504].map((s) => isServerUnreachable(problem(s)))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 404, 409, 500].some((s) => isServerUnreachable(problem(s)))).toBe(false);
    expect(isServerUnreachable(new TypeError('x'))).toBe(false);
  });
});

describe('createServerConnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A query on screen that fails while `serverUp` is false, and counts its reads. */
  function setUp() {
    const queryClient = createTestQueryClient();
    const { events, sources } = createFakeHubEvents();
    let serverUp = true;
    let reads = 0;
    const probe = vi.fn(() => (serverUp ? Promise.resolve() : Promise.reject(problem(0))));
    const connection = createServerConnection({
      queryClient,
      events,
      probe,
      probeEveryMs: 2000,
      window: null,
    });
    const stop = connection.start();
    const observer = new QueryObserver(queryClient, {
      queryKey: ['shown'],
      queryFn: () => (serverUp ? Promise.resolve(++reads) : Promise.reject(problem(0))),
      staleTime: Infinity,
    });
    const unobserve = observer.subscribe(() => {});
    return {
      queryClient,
      events,
      sources,
      connection,
      probe,
      observer,
      reads: () => reads,
      setServerUp: (up: boolean) => (serverUp = up),
      stop: () => {
        unobserve();
        stop();
        events.close();
      },
    };
  }

  it('is down once a request goes unanswered, asks every 2 s, and reads the screen again when the server is back', async () => {
    const t = setUp();
    await vi.waitFor(() => expect(t.observer.getCurrentResult().data).toBe(1));
    const changes = vi.fn();
    t.connection.subscribe(changes);

    t.setServerUp(false);
    await t.observer.refetch();
    expect(t.connection.isDown()).toBe(true);
    expect(changes).toHaveBeenCalledTimes(1);
    expect(t.observer.getCurrentResult().isError).toBe(true);

    await vi.advanceTimersByTimeAsync(2000);
    expect(t.probe).toHaveBeenCalledTimes(1);
    expect(t.connection.isDown()).toBe(true);

    t.setServerUp(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.probe).toHaveBeenCalledTimes(2);
    expect(t.connection.isDown()).toBe(false);
    // No click: the query that failed is read again, and shows data.
    await vi.waitFor(() => expect(t.observer.getCurrentResult().data).toBe(2));
    expect(changes).toHaveBeenCalledTimes(2);
    // Up: no more probes.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.probe).toHaveBeenCalledTimes(2);
    t.stop();
  });

  it('is down while the event stream, once open, reconnects; back, it reads the screen again', async () => {
    const t = setUp();
    await vi.waitFor(() => expect(t.observer.getCurrentResult().data).toBe(1));
    // A stream still opening for the first time is not a lost one.
    t.events.subscribe('resync', () => {});
    expect(t.events.connection()).toBe('connecting');
    expect(t.connection.isDown()).toBe(false);
    t.sources[0]!.open();

    t.sources[0]!.fail(false);
    expect(t.connection.isDown()).toBe(true);
    expect(t.probe).not.toHaveBeenCalled();

    t.sources[0]!.open();
    expect(t.connection.isDown()).toBe(false);
    await vi.waitFor(() => expect(t.reads()).toBe(2));
    t.stop();
  });

  it('is back only when the liveness route says so, and asks less often when it keeps failing again', async () => {
    const t = setUp();
    await vi.waitFor(() => expect(t.observer.getCurrentResult().data).toBe(1));
    // One route fails (503) while the others, and the liveness route, answer.
    t.setServerUp(false);
    t.probe.mockImplementation(() => Promise.resolve());
    await t.observer.refetch();
    expect(t.connection.isDown()).toBe(true);
    // Another answer does not say the server is back (it would read the screen again at once).
    await t.queryClient.fetchQuery({ queryKey: ['answered'], queryFn: () => 'yes' });
    expect(t.connection.isDown()).toBe(true);
    // A refusal of what was asked is no outage either.
    await expect(
      t.queryClient.fetchQuery({
        queryKey: ['refused'],
        queryFn: () => Promise.reject(problem(404)),
      }),
    ).rejects.toThrow();
    // Probes: at 2 s it is back, the screen is read again and fails again; the next probe
    // comes 4 s later, then 8 s.
    const probesBy = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      return t.probe.mock.calls.length;
    };
    expect(await probesBy(2000)).toBe(1);
    // (vi.waitFor would move the fake clock.)
    expect(t.connection.isDown()).toBe(true);
    expect(t.reads()).toBe(1);
    expect(await probesBy(3999)).toBe(1);
    expect(await probesBy(1)).toBe(2);
    expect(await probesBy(7999)).toBe(2);
    expect(await probesBy(1)).toBe(3);
    t.stop();
  });

  it('is not made down by data written by hand', () => {
    const t = setUp();
    t.queryClient.setQueryData(['other'], 1);
    expect(t.connection.isDown()).toBe(false);
    t.stop();
  });

  it('stops watching when stopped (a provider unmounted)', async () => {
    const t = setUp();
    await vi.waitFor(() => expect(t.observer.getCurrentResult().data).toBe(1));
    t.stop();
    t.setServerUp(false);
    await expect(
      t.queryClient.fetchQuery({ queryKey: ['late'], queryFn: () => Promise.reject(problem(0)) }),
    ).rejects.toThrow();
    expect(t.connection.isDown()).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.probe).not.toHaveBeenCalled();
  });
});
