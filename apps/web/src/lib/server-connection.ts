import type { QueryClient } from '@tanstack/react-query';
import { isApiError, request } from './api-client.ts';
import type { HubEvents } from './events.ts';

/** How often the server is asked whether it is back, while it seems not to be. */
export const PROBE_EVERY_MS = 2000;
/** A server that fails again this soon after it was back relapsed: it is asked less often. */
const RELAPSE_WITHIN_MS = 10_000;
const PROBE_AT_MOST_EVERY_MS = 30_000;

/**
 * A request that failed for want of a server rather than because of what it asked: no answer
 * at all (the BFF stopped, the network gone), or a proxy or a replica saying it cannot serve
 * now. A 4xx or a 500 is an answer, and the page shows it as such.
 */
export function isServerUnreachable(error: unknown): boolean {
  return isApiError(error) && [0, 502, 503, 504].includes(error.status);
}

export interface ServerConnection {
  /** True while the server or the event stream is lost: what the page shows may be stale. */
  isDown(): boolean;
  /** For useSyncExternalStore: called whenever `isDown()` changes. */
  subscribe(listener: () => void): () => void;
  /** Starts watching; returns how to stop (a provider's effect, which may run twice). */
  start(): () => void;
}

export interface ServerConnectionOptions {
  queryClient: QueryClient;
  events: HubEvents;
  /** Resolves when the server answers; by default the public liveness route. */
  probe?: () => Promise<unknown>;
  probeEveryMs?: number;
  /** The browser's own idea of the network (navigator.onLine and its events); none in tests. */
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
}

/**
 * Whether the console is in touch with its server, from what already happens: requests failing
 * unanswered (the query and mutation caches), the event stream dropping after it was open, the
 * browser going offline. While a request went unanswered the server's liveness route is asked
 * every few seconds; whenever the server or the stream is back, every query on screen is read
 * again, so what failed or went stale meanwhile mends itself without a click.
 *
 * Only the liveness route or the stream says the server is back, not any other answer: with one
 * route failing (a replica answering 503 for it) and the others answered, each answer would
 * read the screen again, fail again, and loop. A server that fails again soon after it was back
 * is asked half as often each time (up to every 30 s), so a lasting partial outage is not a
 * storm of requests either.
 */
export function createServerConnection({
  queryClient,
  events,
  probe = () => request('health'),
  probeEveryMs = PROBE_EVERY_MS,
  window: win = typeof window === 'undefined' ? null : window,
}: ServerConnectionOptions): ServerConnection {
  const listeners = new Set<() => void>();
  let unreachable = false;
  let streamWasOpen = false;
  let streamLost = false;
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = true;
  let backAt = -Infinity;
  let relapses = 0;

  const isDown = () => unreachable || streamLost;
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const refetchShown = () =>
    void queryClient.invalidateQueries({ refetchType: 'active' }, { cancelRefetch: false });

  const scheduleProbe = () => {
    if (probeTimer || stopped || !unreachable) return;
    probeTimer = setTimeout(
      () => {
        probe().then(
          () => {
            probeTimer = undefined;
            setUnreachable(false);
          },
          () => {
            probeTimer = undefined;
            scheduleProbe();
          },
        );
      },
      Math.min(probeEveryMs * 2 ** relapses, PROBE_AT_MOST_EVERY_MS),
    );
  };

  function setUnreachable(next: boolean) {
    if (next === unreachable || stopped) return;
    const wasDown = isDown();
    unreachable = next;
    if (next) {
      relapses = Date.now() - backAt < RELAPSE_WITHIN_MS ? relapses + 1 : 0;
      scheduleProbe();
    } else {
      backAt = Date.now();
      refetchShown();
    }
    if (wasDown !== isDown()) notify();
  }

  const onStream = () => {
    const state = events.connection();
    const wasDown = isDown();
    if (state === 'open') {
      const recovered = streamLost;
      streamWasOpen = true;
      streamLost = false;
      // The stream answering is the server answering.
      if (unreachable) setUnreachable(false);
      else if (recovered) refetchShown();
    } else if (state === 'connecting') {
      streamLost = streamWasOpen;
    } else {
      // Closed on purpose (idle), or events are not to be had here (unavailable).
      streamWasOpen = false;
      streamLost = false;
    }
    if (wasDown !== isDown()) notify();
  };

  return {
    isDown,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    start() {
      stopped = false;
      const stopQueries = queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated') return;
        const { action } = event;
        // `failed`: an attempt that will be retried, so the banner need not wait for the retries.
        if (
          (action.type === 'failed' || action.type === 'error') &&
          isServerUnreachable(action.error)
        )
          setUnreachable(true);
      });
      const stopMutations = queryClient.getMutationCache().subscribe((event) => {
        if (event.type !== 'updated') return;
        const { action } = event;
        if (action.type === 'error' && isServerUnreachable(action.error)) setUnreachable(true);
      });
      const stopStream = events.onConnectionChange(onStream);
      const onOffline = () => setUnreachable(true);
      // Back on the network: ask at once rather than at the next probe.
      const onOnline = () => {
        clearTimeout(probeTimer);
        probeTimer = undefined;
        if (!unreachable) return;
        probe().then(
          () => setUnreachable(false),
          () => scheduleProbe(),
        );
      };
      win?.addEventListener('offline', onOffline);
      win?.addEventListener('online', onOnline);
      onStream();
      scheduleProbe();
      return () => {
        stopped = true;
        clearTimeout(probeTimer);
        probeTimer = undefined;
        stopQueries();
        stopMutations();
        stopStream();
        win?.removeEventListener('offline', onOffline);
        win?.removeEventListener('online', onOnline);
      };
    },
  };
}
