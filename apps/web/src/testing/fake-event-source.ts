import type { HubEvent } from '@hybrid-hub/contract';
import { createHubEvents, type EventSourceLike, type HubEvents } from '../lib/events.ts';
import * as hubEventSchema from '../lib/hub-event-schema.ts';

/** A stand-in for the browser's EventSource (jsdom has none): the test plays the server. */
export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, (event: MessageEvent<string>) => void>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  emit(type: string, data: string, lastEventId = '') {
    this.listeners.get(type)?.(new MessageEvent(type, { data, lastEventId }));
  }
  /** Sends an event as the BFF does: `event:` its type, `data:` its JSON. */
  send(event: HubEvent, id = '') {
    this.emit(event.type, JSON.stringify(event), id);
  }
  fail(closed: boolean) {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

/** An event client over fake streams; `sources` lists every stream it opened. */
export function createFakeHubEvents(): { events: HubEvents; sources: FakeEventSource[] } {
  const sources: FakeEventSource[] = [];
  const events = createHubEvents({
    createSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
    // At hand: the app loads it with the first subscription, the tests need no wait for it.
    schema: hubEventSchema,
  });
  return { events, sources };
}
