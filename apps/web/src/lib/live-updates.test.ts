import { MutationObserver, QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveUpdates } from './live-updates.ts';
import { clusterKeys, labKeys, userKeys } from './query-keys.ts';

/** A cache holding `keys`, each an observed (active) query that counts its reads. */
function cacheWith(keys: QueryKey[]) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  const reads = new Map<string, number>();
  const unsubscribes = keys.map((queryKey) => {
    const name = JSON.stringify(queryKey);
    queryClient.setQueryData(queryKey, { version: 1 });
    reads.set(name, 0);
    const observer = new QueryObserver(queryClient, {
      queryKey,
      queryFn: () => {
        reads.set(name, reads.get(name)! + 1);
        return { version: 1 };
      },
    });
    // An observer makes the query active, as a screen showing it does.
    return observer.subscribe(() => {});
  });
  const readsOf = (queryKey: QueryKey) => reads.get(JSON.stringify(queryKey));
  return { queryClient, readsOf, stop: () => unsubscribes.forEach((u) => u()) };
}

const usersChanged = (...users: [id: string, version: number][]) =>
  ({
    type: 'users.changed',
    users: users.map(([id, version]) => ({ id, status: 'Active' as const, version })),
  }) as const;

describe('live updates', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads a key at once, folds a burst into one read at the end of the second, and loses nothing', async () => {
    const { queryClient, readsOf, stop } = cacheWith([userKeys.lists(), userKeys.detail('u2')]);
    const live = createLiveUpdates(queryClient, 1000);
    live.apply(usersChanged(['u1', 2]));
    await vi.advanceTimersByTimeAsync(0);
    expect(readsOf(userKeys.lists())).toBe(1);

    live.apply(usersChanged(['u1', 3]));
    live.apply(usersChanged(['u2', 2]));
    await vi.advanceTimersByTimeAsync(500);
    expect(readsOf(userKeys.lists())).toBe(1);
    // Another key is not held back by this one's second.
    expect(readsOf(userKeys.detail('u2'))).toBe(1);

    await vi.advanceTimersByTimeAsync(500);
    expect(readsOf(userKeys.lists()), 'the burst, read once at its end').toBe(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(readsOf(userKeys.lists())).toBe(2);
    stop();
  });

  it('does not read again a user the cache already holds at that version, but its history', async () => {
    const history = [...userKeys.detail('u1'), 'history'];
    const { queryClient, readsOf, stop } = cacheWith([userKeys.detail('u1'), history]);
    const live = createLiveUpdates(queryClient, 1000);
    live.apply(usersChanged(['u1', 1]));
    await vi.advanceTimersByTimeAsync(0);
    expect(readsOf(userKeys.detail('u1'))).toBe(0);
    expect(readsOf(history)).toBe(1);

    await vi.advanceTimersByTimeAsync(1000);
    live.apply(usersChanged(['u1', 2]));
    await vi.advanceTimersByTimeAsync(0);
    expect(readsOf(userKeys.detail('u1'))).toBe(1);
    stop();
  });

  it('holds a user whose change this tab awaits the answer of until the window ends, then asks the answer', async () => {
    const { queryClient, readsOf, stop } = cacheWith([userKeys.lists(), userKeys.detail('u1')]);
    const live = createLiveUpdates(queryClient, 1000);
    let answer: (user: { version: number }) => void = () => {};
    const reactivate = new MutationObserver(queryClient, {
      mutationKey: userKeys.detail('u1'),
      mutationFn: () => new Promise<{ version: number }>((resolve) => (answer = resolve)),
      onSuccess: (user) => queryClient.setQueryData(userKeys.detail('u1'), user),
    });
    void reactivate.mutate();
    await vi.advanceTimersByTimeAsync(0);
    // The stream announces the change before its answer arrives.
    live.apply(usersChanged(['u1', 2]));
    await vi.advanceTimersByTimeAsync(0);
    expect(readsOf(userKeys.lists())).toBe(1);
    expect(readsOf(userKeys.detail('u1'))).toBe(0);

    answer({ version: 2 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(readsOf(userKeys.detail('u1')), 'the answer is that version').toBe(0);

    // An answer that never brings the announced version: read at the end of the window.
    void reactivate.mutate();
    await vi.advanceTimersByTimeAsync(0);
    live.apply(usersChanged(['u1', 4]));
    answer({ version: 3 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(readsOf(userKeys.detail('u1'))).toBe(1);
    stop();
  });

  it('reads a query that overlapping keys of two event types name once per second', async () => {
    const { queryClient, readsOf, stop } = cacheWith([
      clusterKeys.detail('c1'),
      clusterKeys.alarms('c1'),
      clusterKeys.lists(),
    ]);
    const live = createLiveUpdates(queryClient, 1000);
    // users.changed: every cluster but not its alarms; cluster.changed: that cluster, alarms
    // included; alarms.changed: every cluster's alarms only.
    live.apply(usersChanged(['u1', 2]));
    live.apply({ type: 'cluster.changed', clusterId: 'c1', nodeIds: [] });
    live.apply({ type: 'alarms.changed', open: 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(readsOf(clusterKeys.detail('c1'))).toBe(1);
    expect(readsOf(clusterKeys.alarms('c1'))).toBe(1);
    expect(readsOf(clusterKeys.lists())).toBe(1);

    await vi.advanceTimersByTimeAsync(1000);
    expect(readsOf(clusterKeys.detail('c1'))).toBe(2);
    expect(readsOf(clusterKeys.alarms('c1'))).toBe(2);
    expect(readsOf(clusterKeys.lists())).toBe(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(readsOf(clusterKeys.detail('c1'))).toBe(2);
    stop();
  });

  it('leaves what every event of a burst would leave', async () => {
    const { queryClient, readsOf, stop } = cacheWith([
      clusterKeys.detail('c1'),
      clusterKeys.alarms('c1'),
    ]);
    const live = createLiveUpdates(queryClient, 1000);
    live.apply({ type: 'cluster.changed', clusterId: 'c1', nodeIds: [] });
    await vi.advanceTimersByTimeAsync(0);
    live.apply({ type: 'alarms.changed', open: 3 });
    live.apply({ type: 'alarms.changed', open: 4 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(readsOf(clusterKeys.alarms('c1'))).toBe(2);
    expect(readsOf(clusterKeys.detail('c1')), 'alarms.changed leaves the detail').toBe(1);
    stop();
  });

  it('marks a query no screen shows stale without reading it', async () => {
    const { queryClient, stop } = cacheWith([]);
    const queryFn = vi.fn(() => ({}));
    await queryClient.prefetchQuery({ queryKey: labKeys.deployment(), queryFn });
    createLiveUpdates(queryClient, 1000).apply({
      type: 'cluster.changed',
      clusterId: 'c1',
      nodeIds: [],
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(queryFn).toHaveBeenCalledTimes(1);
    expect(queryClient.getQueryState(labKeys.deployment())?.isInvalidated).toBe(true);
    stop();
  });

  it('drops what waits when cancelled', async () => {
    const { queryClient, readsOf, stop } = cacheWith([userKeys.lists()]);
    const live = createLiveUpdates(queryClient, 1000);
    live.apply(usersChanged(['u1', 2]));
    live.apply(usersChanged(['u1', 3]));
    live.cancel();
    await vi.advanceTimersByTimeAsync(2000);
    expect(readsOf(userKeys.lists())).toBe(1);
    stop();
  });
});
