import type { HubEventType } from '@hybrid-hub/contract';
import type { HubEventsConnection } from './events.ts';

/**
 * How the tabs of one browser share a single event stream (SPEC "Events": a browser allows 6
 * HTTP/1.1 connections per host across all tabs, so every tab holding its own stream would
 * starve the seventh). One tab, the leader, holds a Web Lock and the EventSource; it relays each
 * event to the others over a BroadcastChannel. When the leader's tab closes, the browser
 * releases its lock and the next waiting tab takes over, resuming from the last event id it saw.
 */
export interface TabSharing {
  /**
   * Calls `lead` once this tab becomes the leader (perhaps at once, perhaps when another tab
   * closes). Returns a function that gives the leadership up (or stops waiting for it).
   */
  requestLeadership(lead: () => void): () => void;
  post(message: TabMessage): void;
  onMessage(listener: (message: TabMessage) => void): () => void;
  close(): void;
}

export type TabMessage =
  /** A tab has joined: the leader answers with its `state`. */
  | { kind: 'hello' }
  | { kind: 'state'; state: HubEventsConnection; lastEventId?: string }
  | { kind: 'event'; type: HubEventType; data: string; id: string };

const NAME = 'hybrid-hub-events';

/** The browser's Web Locks + BroadcastChannel, or null where either is missing (then each tab streams alone). */
export function browserTabSharing(): TabSharing | null {
  if (
    typeof BroadcastChannel === 'undefined' ||
    typeof navigator === 'undefined' ||
    !('locks' in navigator) ||
    !navigator.locks
  )
    return null;
  const channel = new BroadcastChannel(NAME);
  const listeners = new Set<(message: TabMessage) => void>();
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    for (const listener of listeners) listener(event.data);
  };
  return {
    requestLeadership(lead) {
      const waiting = new AbortController();
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      navigator.locks
        .request(NAME, { signal: waiting.signal }, async () => {
          lead();
          // Holding the lock is holding this promise: the leadership lasts until released.
          await held;
        })
        // Aborted while still waiting: this tab gave up before its turn came.
        .catch(() => {});
      return () => {
        waiting.abort();
        release();
      };
    },
    post: (message) => channel.postMessage(message),
    onMessage(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      listeners.clear();
      channel.close();
    },
  };
}
