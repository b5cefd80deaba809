import type { HubEventType } from '@hybrid-hub/contract';
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useContext,
  useEffect,
  useEffectEvent,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import {
  createHubEvents,
  type HubEventHandler,
  type HubEvents,
  type HubEventsConnection,
} from './events.ts';

const HubEventsContext = createContext<HubEvents | null>(null);

/**
 * Holds the tab's one event client. Creating it opens nothing: the stream opens when the first
 * screen subscribes, and closes when the app unmounts.
 */
export function HubEventsProvider({
  client,
  children,
}: {
  /** Tests hand in their own; the app uses the browser's EventSource. */
  client?: HubEvents;
  children: ReactNode;
}) {
  const [events] = useState(() => client ?? createHubEvents());
  useEffect(() => () => events.close(), [events]);
  const queryClient = useQueryClient();
  // The stream lost track of what this browser missed (it resumed after the outbox was pruned):
  // everything on screen may be stale, so read it all again.
  useEffect(
    () => events.subscribe('resync', () => void queryClient.invalidateQueries(), { passive: true }),
    [events, queryClient],
  );
  return <HubEventsContext value={events}>{children}</HubEventsContext>;
}

function useHubEventsClient(): HubEvents {
  const events = useContext(HubEventsContext);
  if (!events) throw new Error('useHubEvents needs a HubEventsProvider above it');
  return events;
}

/** Calls `handler` for every event of `type` while the component is mounted. */
export function useHubEvents<T extends HubEventType>(type: T, handler: HubEventHandler<T>): void {
  const events = useHubEventsClient();
  // The latest handler, without resubscribing on every render.
  const onEvent = useEffectEvent((event: Parameters<HubEventHandler<T>>[0]) => handler(event));
  useEffect(() => events.subscribe(type, (event) => onEvent(event)), [events, type]);
}

/** Whether events arrive now; screens poll what they wait for while they do not. */
export function useHubEventsConnection(): HubEventsConnection {
  const events = useHubEventsClient();
  return useSyncExternalStore(events.onConnectionChange, events.connection, events.connection);
}
