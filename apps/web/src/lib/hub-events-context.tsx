import type { HubEvent, HubEventType } from '@hybrid-hub/contract';
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
import { createLiveUpdates, type LiveUpdates } from './live-updates.ts';
import { createServerConnection, type ServerConnection } from './server-connection.ts';
import { STALE_EVENT_TYPES } from './stale-queries.ts';

interface HubEventsValue {
  events: HubEvents;
  live: LiveUpdates;
  server: ServerConnection;
}

const HubEventsContext = createContext<HubEventsValue | null>(null);

/**
 * Holds the tab's one event client, and makes stale what its events announce (live-updates.ts),
 * whichever screen is shown. Creating it opens nothing: the stream opens when the first screen
 * subscribes (useLiveUpdates), and closes when the app unmounts. It also watches whether the
 * server and the stream are there (server-connection.ts), and reads the screen again when they
 * are back.
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
  const [value] = useState<HubEventsValue>(() => ({
    events,
    live: createLiveUpdates(queryClient),
    server: createServerConnection({ queryClient, events }),
  }));
  useEffect(() => value.server.start(), [value]);
  // Passive: listening here opens no stream; screens that follow changes open it.
  useEffect(() => {
    const { live } = value;
    const stops = STALE_EVENT_TYPES.map((type) =>
      events.subscribe(type, (event) => live.apply(event), { passive: true }),
    );
    return () => {
      for (const stop of stops) stop();
      live.cancel();
    };
  }, [events, value]);
  return <HubEventsContext value={value}>{children}</HubEventsContext>;
}

function useHubEventsValue(): HubEventsValue {
  const value = useContext(HubEventsContext);
  if (!value) throw new Error('useHubEvents needs a HubEventsProvider above it');
  return value;
}

const useHubEventsClient = (): HubEvents => useHubEventsValue().events;

/**
 * Keeps the event stream open while the screen is shown, so that what it shows follows changes
 * made elsewhere: the provider reads again what each event makes stale (stale-queries.ts).
 */
export function useLiveUpdates(): void {
  const events = useHubEventsClient();
  // Any subscription opens the stream; what events make stale is the provider's part.
  useEffect(() => events.subscribe('resync', () => {}), [events]);
}

/**
 * For a change this tab made and knows from its answer, once the answer is in the cache: while
 * the stream is open, the change's own event makes stale what else it touched (lists, counts…),
 * so nothing is read twice; while it is not, no event will come, and the same queries are made
 * stale now. Returns the function to call with the event the change will send.
 */
export function useAnnounceChange(): (event: HubEvent) => void {
  const { events, live } = useHubEventsValue();
  return (event) => {
    if (events.connection() !== 'open') live.apply(event);
  };
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

/** Whether the server or the event stream is lost now (server-connection.ts). */
export function useServerConnectionLost(): boolean {
  const { server } = useHubEventsValue();
  return useSyncExternalStore(server.subscribe, server.isDown, server.isDown);
}
