import type { HubEvent } from '@hybrid-hub/contract';
import type { Query, QueryClient } from '@tanstack/react-query';
import { staleQueriesOf } from './stale-queries.ts';

/** A bulk job of 100,000 users or a long move sends many events: read again once a second. */
export const LIVE_UPDATE_EVERY_MS = 1000;

const FORGET_ABOVE = 1000;

export interface LiveUpdates {
  /** Makes stale what `event` changed (staleQueriesOf), each query at most once per window. */
  apply(event: HubEvent): void;
  /** Drops what waits for the end of its window. */
  cancel(): void;
}

/** Whether to leave a query as it is after all; undefined: it is stale, whatever it holds. */
type Keep = ((query: Query) => boolean) | undefined;

/** Both asked to read a query again: it is left only if both would leave it. */
const both = (a: Keep, b: Keep): Keep => a && b && ((query) => a(query) && b(query));

/**
 * The one path from a change to the screen. Throttled per query in the cache: a query is
 * invalidated at once if it was not in the last `everyMs`, else once at the end of that window
 * with everything asked meanwhile, so a burst costs one read per second and its last change is
 * never lost. Per query, not per event type or key: one event type's burst does not hold back
 * another's, and keys that overlap (every cluster, on users.changed; that cluster, on
 * cluster.changed) read a query once.
 *
 * A change this tab made is announced on the stream before its answer arrives (the BFF commits,
 * then answers): what a mutation in flight is keyed under (the user being reactivated, the
 * cluster whose node enters maintenance) waits for the end of the window, when the answer is in
 * the cache (and, for a user, says whether it is current).
 */
export function createLiveUpdates(
  queryClient: QueryClient,
  everyMs = LIVE_UPDATE_EVERY_MS,
): LiveUpdates {
  /** When each query was last invalidated (within the window; older entries are dropped). */
  const lastRun = new Map<string, number>();
  /** Queries to invalidate at `due`, with what all asks meanwhile would leave. */
  const waiting = new Map<string, { query: Query; keep: Keep; due: number }>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const invalidate = (query: Query, keep: Keep, now: number) => {
    if (keep?.(query)) return;
    lastRun.set(query.queryHash, now);
    void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
  };

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
    for (const [hash, { query, keep, due }] of waiting) {
      if (due > now) continue;
      waiting.delete(hash);
      invalidate(query, keep, now);
    }
    forgetOlderThanWindow(now);
    schedule();
  }

  return {
    apply(event) {
      const now = Date.now();
      // Users named one by one (a bulk job's) would otherwise pile up between windows.
      if (lastRun.size > FORGET_ABOVE) forgetOlderThanWindow(now);
      for (const { queryKey, except } of staleQueriesOf(event)) {
        const awaited = queryClient.isMutating({ mutationKey: queryKey }) > 0;
        for (const query of queryClient.getQueryCache().findAll({ queryKey })) {
          const hash = query.queryHash;
          const queued = waiting.get(hash);
          const windowEnd = (lastRun.get(hash) ?? -Infinity) + everyMs;
          if (queued) {
            queued.keep = both(queued.keep, except);
          } else if (awaited) {
            waiting.set(hash, { query, keep: except, due: Math.max(windowEnd, now + everyMs) });
          } else if (windowEnd <= now) {
            invalidate(query, except, now);
          } else {
            waiting.set(hash, { query, keep: except, due: windowEnd });
          }
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
