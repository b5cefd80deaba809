import { useHubEventsConnection } from './hub-events-context.tsx';

/** Without events (no stream, or it dropped), how often a screen waiting on a change asks. */
export const FALLBACK_POLL_MS = 2000;

/**
 * For a query that waits on something events announce: its refetch interval, given whether it
 * waits now. None while events arrive (or nothing is awaited), a short poll while they do not.
 */
export function useFallbackPolling(): (waiting: boolean) => number | false {
  const eventsArrive = useHubEventsConnection() === 'open';
  return (waiting) => (waiting && !eventsArrive ? FALLBACK_POLL_MS : false);
}
