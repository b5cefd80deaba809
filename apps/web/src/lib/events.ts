import type { HubEvent, HubEventType } from '@hybrid-hub/contract';
import { hrefFor } from './api-client.ts';
import { browserTabSharing, type TabMessage, type TabSharing } from './tab-sharing.ts';

/**
 * The browser's one server-sent event stream (`GET /api/v1/events`), shared by every screen.
 * SPEC "Events": a browser allows 6 HTTP/1.1 connections per host across all tabs, so the tabs
 * share one stream (tab-sharing.ts): the leader tab holds it and relays events to the others,
 * and a stream opens only once a screen subscribes. The browser's EventSource
 * reconnects by itself and resumes with `Last-Event-ID`; when it gives up (the server answered
 * an error instead of a stream) we open a new one after a pause, resuming with `?lastEventId=`.
 *
 * Where there is no EventSource (jsdom in unit tests, very old browsers) the client does
 * nothing and reports `unavailable`; screens then poll what they wait for instead.
 *
 * Payloads are parsed with the contract's `HubEvent`, which with zod is a large part of the
 * console's JavaScript: it loads with the first subscription (hub-event-schema.ts), and the
 * stream opens once it has. Events a follower tab is handed before then wait for it.
 */

export type HubEventOf<T extends HubEventType> = Extract<HubEvent, { type: T }>;
export type HubEventHandler<T extends HubEventType> = (event: HubEventOf<T>) => void;

/** `open`: events arrive; otherwise screens fall back to polling. */
export type HubEventsConnection = 'idle' | 'connecting' | 'open' | 'unavailable';

/** The part of EventSource the client uses (so tests can hand in a fake). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface HubEvents {
  /**
   * Calls `handler` for every event of `type`. The first subscription opens the stream, unless
   * `passive`: a passive listener hears events only while some screen keeps the stream open.
   */
  subscribe<T extends HubEventType>(
    type: T,
    handler: HubEventHandler<T>,
    options?: { passive?: boolean },
  ): () => void;
  connection(): HubEventsConnection;
  /** For useSyncExternalStore: called whenever `connection()` changes. */
  onConnectionChange(listener: () => void): () => void;
  /** Closes the stream; a later subscription opens a new one. */
  close(): void;
}

/** The contract's part the client reads a stream with (hub-event-schema.ts). */
export interface HubEventSchema {
  HUB_EVENT_TYPES: readonly HubEventType[];
  HubEvent: Pick<typeof HubEvent, 'safeParse'>;
}

export interface HubEventsOptions {
  /** Opens a stream to `url`; null when the platform has none. */
  createSource?: (url: string) => EventSourceLike | null;
  /** Pause before replacing a stream the browser gave up on. */
  reopenDelayMs?: number;
  warn?: (message: string, detail?: unknown) => void;
  /** How tabs share one stream; null = this tab streams alone (the default where unsupported). */
  sharing?: TabSharing | null;
  /** The schema, or how to load it (by default its own chunk, with the first subscription). */
  schema?: HubEventSchema | (() => Promise<HubEventSchema>);
}

const CLOSED = 2;

function browserEventSource(url: string): EventSourceLike | null {
  if (typeof EventSource === 'undefined') return null;
  return new EventSource(url, { withCredentials: true }) as unknown as EventSourceLike;
}

export function createHubEvents({
  createSource = browserEventSource,
  reopenDelayMs = 5000,
  warn = (message, detail) => console.warn(message, detail),
  sharing = browserTabSharing(),
  schema: schemaOption = () => import('./hub-event-schema.ts'),
}: HubEventsOptions = {}): HubEvents {
  const handlers = new Map<HubEventType, Set<(event: HubEvent) => void>>();
  const connectionListeners = new Set<() => void>();
  let source: EventSourceLike | null = null;
  let state: HubEventsConnection = 'idle';
  let lastEventId: string | undefined;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  /** `leader`: this tab holds the stream; `follower`: another tab relays its events here. */
  let role: 'none' | 'follower' | 'leader' = 'none';
  let leaveTabs = () => {};
  let schema = typeof schemaOption === 'function' ? undefined : schemaOption;
  let schemaLoad: Promise<void> | undefined;
  /** Events handed over by the leader tab before the schema had loaded, in order. */
  const waiting: [HubEventType, { data: string; lastEventId: string }][] = [];

  const setState = (next: HubEventsConnection) => {
    if (next === state) return;
    state = next;
    if (role === 'leader') sharing?.post({ kind: 'state', state, lastEventId });
    for (const listener of connectionListeners) listener();
  };

  const loadSchema = (): Promise<void> =>
    (schemaLoad ??= (async () => {
      try {
        schema = await (schemaOption as () => Promise<HubEventSchema>)();
      } catch (error) {
        // Without it no event can be read: screens poll instead, as where there is no stream.
        warn('[events] the event schema did not load', error);
        setState('unavailable');
        return;
      }
      for (const [type, message] of waiting.splice(0)) dispatch(type, message);
    })());

  const dispatch = (type: HubEventType, message: { data: string; lastEventId: string }) => {
    if (message.lastEventId) lastEventId = message.lastEventId;
    if (role === 'leader') {
      sharing?.post({ kind: 'event', type, data: message.data, id: message.lastEventId });
    }
    if (!schema) {
      waiting.push([type, message]);
      void loadSchema();
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(message.data);
    } catch {
      warn(`[events] ${type}: the payload is not JSON`, message.data);
      return;
    }
    const parsed = schema.HubEvent.safeParse(payload);
    if (!parsed.success || parsed.data.type !== type) {
      // A newer server may send what this build does not know yet: skip it, keep listening.
      warn(`[events] ${type}: the payload does not match the contract`, payload);
      return;
    }
    for (const handler of handlers.get(type) ?? []) handler(parsed.data);
  };

  const open = () => {
    if (source || state === 'unavailable') return;
    if (!schema) {
      setState('connecting');
      void loadSchema().then(() => {
        if (role === 'leader' && schema) open();
      });
      return;
    }
    const url = hrefFor('events');
    // A new EventSource does not send Last-Event-ID by itself: resume through the query.
    const created = createSource(
      lastEventId ? `${url}?lastEventId=${encodeURIComponent(lastEventId)}` : url,
    );
    if (!created) {
      setState('unavailable');
      return;
    }
    source = created;
    setState('connecting');
    created.onopen = () => setState('open');
    created.onerror = () => {
      if (created.readyState !== CLOSED) {
        // The browser is reconnecting by itself (and will send Last-Event-ID).
        setState('connecting');
        return;
      }
      created.close();
      source = null;
      setState('connecting');
      reopenTimer = setTimeout(() => {
        reopenTimer = undefined;
        if (hasSubscribers()) open();
      }, reopenDelayMs);
    };
    for (const type of schema.HUB_EVENT_TYPES) {
      created.addEventListener(type, (message) => dispatch(type, message));
    }
  };

  const hasSubscribers = () => [...handlers.values()].some((set) => set.size > 0);

  const onTabMessage = (message: TabMessage) => {
    if (message.kind === 'hello') {
      if (role === 'leader') sharing?.post({ kind: 'state', state, lastEventId });
    } else if (role !== 'follower') {
      // The leader listens to no one; a tab that has left ignores the others.
    } else if (message.kind === 'event') {
      dispatch(message.type, { data: message.data, lastEventId: message.id });
    } else {
      if (message.lastEventId) lastEventId = message.lastEventId;
      setState(message.state);
    }
  };

  /** First subscription: lead the stream, or follow the tab that does. */
  const start = () => {
    if (role !== 'none') return;
    if (!sharing) {
      role = 'leader';
      open();
      return;
    }
    role = 'follower';
    setState('connecting');
    const stopListening = sharing.onMessage(onTabMessage);
    const giveUp = sharing.requestLeadership(() => {
      if (role !== 'follower') return;
      role = 'leader';
      // Resumes after the last event this tab saw relayed, so the hand-over loses nothing.
      open();
      sharing.post({ kind: 'state', state, lastEventId });
    });
    sharing.post({ kind: 'hello' });
    leaveTabs = () => {
      giveUp();
      stopListening();
      leaveTabs = () => {};
    };
  };

  return {
    subscribe(type, handler, { passive = false } = {}) {
      let set = handlers.get(type);
      if (!set) handlers.set(type, (set = new Set()));
      const listener = handler as (event: HubEvent) => void;
      set.add(listener);
      if (!passive) start();
      return () => {
        set.delete(listener);
      };
    },
    connection: () => state,
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    close() {
      clearTimeout(reopenTimer);
      reopenTimer = undefined;
      source?.close();
      source = null;
      if (state !== 'unavailable') setState('idle');
      role = 'none';
      leaveTabs();
    },
  };
}
