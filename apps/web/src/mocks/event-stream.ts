import { routes, type HubEvent, type HubEventType } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import { sse, type HttpHandler, type ServerSentEventMessage } from 'msw';

/** How often the mock stream reads the engine's outbox (the BFF is also woken on commit). */
const POLL_MS = 500;
const PAGE_SIZE = 500;

/** Each event type, with the payload it carries. */
type EventMap = { [T in HubEventType]: Extract<HubEvent, { type: T }> };

/**
 * `GET /api/v1/events` for an EventSource in the browser (`vite --mode mock`): msw's `sse()`
 * streams the in-tab engine's outbox like the BFF does — `id:` the sequence number, `event:`
 * the type, `data:` the JSON — resuming after `Last-Event-ID` (or `?lastEventId=`), else from
 * the newest event. So the dev mock exercises the same event path as production: Pending rows
 * settle through `users.changed`, jobs progress through `job.progress`.
 *
 * Returns null where there is no EventSource (Node, jsdom): msw's sse() cannot be built there,
 * and nothing in the unit tests opens a stream (the SPA's event client is a no-op there).
 */
export function eventStreamHandler(engine: Engine, orgId: string): HttpHandler | null {
  if (typeof EventSource === 'undefined') return null;
  return sse<EventMap>(`*${routes.events.path}`, ({ client, request }) => {
    const resumeFrom =
      request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
    let cursor = resumeFrom && /^\d+$/.test(resumeFrom) ? Number(resumeFrom) : undefined;
    let reading = false;
    const read = async () => {
      if (reading) return;
      reading = true;
      try {
        cursor ??= await engine.lastEventSeq(orgId);
        for (;;) {
          const events = await engine.listEvents(orgId, cursor, PAGE_SIZE);
          for (const { seq, event } of events) {
            // The type and its payload go together; TypeScript cannot follow that through the map.
            const message = { id: String(seq), event: event.type, data: event };
            client.send(message as ServerSentEventMessage<EventMap>);
            cursor = seq;
          }
          if (events.length < PAGE_SIZE) break;
        }
      } catch (error) {
        // Sending on a stream the page has closed throws; so may the engine. Either way this
        // stream ends: a page still listening reconnects and resumes after its last event.
        clearInterval(timer);
        if (!request.signal.aborted) console.warn('[msw] event stream ended', error);
        try {
          client.close();
        } catch {
          // Already closed by the page.
        }
      } finally {
        reading = false;
      }
    };
    const timer = setInterval(() => void read(), POLL_MS);
    request.signal.addEventListener('abort', () => clearInterval(timer));
    void read();
  });
}
