import type { HubEvent } from '@hybrid-hub/contract';
import { hashKey, type Query, type QueryClient } from '@tanstack/react-query';
import { staleQueriesOf, type StaleQueries } from './stale-queries.ts';

/** A bulk job of 100,000 users or a long move sends many events: read again once a second. */
export const LIVE_UPDATE_EVERY_MS = 1000;

const FORGET_ABOVE = 1000;

export interface LiveUpdates {
  /** Makes stale what `event` changed (staleQueriesOf), each key at most once per window. */
  apply(event: HubEvent): void;
  /** Drops what waits for the end of its window. */
  cancel(): void;
}

/** Both ask to read a key again: only what both keep is kept. */
function merge(a: StaleQueries, b: StaleQueries): StaleQueries {
  const [keepA, keepB] = [a.except, b.except];
  return keepA && keepB
    ? { queryKey: a.queryKey, except: (query: Query) => keepA(query) && keepB(query) }
    : { queryKey: a.queryKey };
}

/**
 * The one path from a change to the screen. Throttled per key: a key is invalidated at once if
 * it was not in the last `everyMs`, else once at the end of that window with everything asked
 * meanwhile, so a burst costs one read per second and its last change is never lost. Per key,
 * not per event type, so that one event type's burst does not hold back another's keys, and two
 * event types naming the same key (the clusters, on users and alarms) read it once.
 *
 * A change this tab made is announced on the stream before its answer arrives (the BFF commits,
 * then answers): a key a mutation in flight is keyed under (the user being reactivated) waits
 * for the end of the window, when the answer is in the cache and tells whether it is current.
 */
export function createLiveUpdates(
  queryClient: QueryClient,
  everyMs = LIVE_UPDATE_EVERY_MS,
): LiveUpdates {
  /** When each key was last invalidated (within the window; older entries are dropped). */
  const lastRun = new Map<string, number>();
  /** Keys to invalidate at `due`, with everything asked of them meanwhile. */
  const waiting = new Map<string, { stale: StaleQueries; due: number }>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const invalidate = ({ queryKey, except }: StaleQueries) =>
    void queryClient.invalidateQueries({
      queryKey,
      ...(except && { predicate: (query: Query) => !except(query) }),
    });

  const answerAwaited = ({ queryKey }: StaleQueries) =>
    queryClient.isMutating({ mutationKey: queryKey }) > 0;

  const schedule = () => {
    if (timer || waiting.size === 0) return;
    let due = Infinity;
    for (const entry of waiting.values()) due = Math.min(due, entry.due);
    timer = setTimeout(flush, Math.max(0, due - Date.now()));
  };

  const forgetOlderThanWindow = (now: number) => {
    for (const [hash, at] of lastRun) if (at + everyMs <= now) lastRun.delete(hash);
  };

  function flush() {
    timer = undefined;
    const now = Date.now();
    for (const [hash, { stale, due }] of waiting) {
      if (due > now) continue;
      waiting.delete(hash);
      lastRun.set(hash, now);
      invalidate(stale);
    }
    forgetOlderThanWindow(now);
    schedule();
  }

  return {
    apply(event) {
      const now = Date.now();
      // Users named one by one (a bulk job's) would otherwise pile up between windows.
      if (lastRun.size > FORGET_ABOVE) forgetOlderThanWindow(now);
      for (const stale of staleQueriesOf(event)) {
        const hash = hashKey(stale.queryKey);
        const queued = waiting.get(hash);
        const windowEnd = (lastRun.get(hash) ?? -Infinity) + everyMs;
        if (queued) {
          waiting.set(hash, { stale: merge(queued.stale, stale), due: queued.due });
        } else if (answerAwaited(stale)) {
          waiting.set(hash, { stale, due: Math.max(windowEnd, now + everyMs) });
        } else if (windowEnd <= now) {
          lastRun.set(hash, now);
          invalidate(stale);
        } else {
          waiting.set(hash, { stale, due: windowEnd });
        }
      }
      schedule();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      waiting.clear();
    },
  };
}
