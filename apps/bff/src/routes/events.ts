import { once } from 'node:events';
import { InvalidRequestError, routes, type FieldError } from '@hybrid-hub/contract';
import type { Engine, StoredEvent } from '@hybrid-hub/engine';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { EventNotifier } from '../events/event-notifier.ts';
import { DEFAULT_STREAMS_PER_SESSION, SessionStreams } from '../events/session-streams.ts';
import { sessionOf } from '../middleware/identify-session.ts';

export interface EventStreamTiming {
  /**
   * How often a stream reads the outbox without being woken: events committed by another
   * replica (which cannot wake this process) arrive within this long.
   */
  pollMs: number;
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs: number;
}

export const DEFAULT_EVENT_STREAM_TIMING: EventStreamTiming = { pollMs: 2000, heartbeatMs: 15_000 };

/** Outbox rows read per query while catching up. */
const PAGE_SIZE = 500;
/** How long a browser waits before it reconnects a dropped stream (the `retry:` field). */
const RETRY_MS = 3000;
const SEQUENCE = /^\d{1,15}$/;

/**
 * `GET /api/v1/events`: the organization's outbox as server-sent events. A client that sends
 * `Last-Event-ID` (browsers do when they reconnect) or `?lastEventId=` first gets every event
 * after it, then follows; a new client starts at the newest event (no replay of old history).
 * The stream's only state is its own position in the outbox, so any replica can serve any client.
 * A session holds at most `streamsPerSession` streams: one more ends its oldest (session-streams.ts).
 */
export function eventsRouter(
  engine: Engine,
  {
    notifier,
    timing = DEFAULT_EVENT_STREAM_TIMING,
    streamsPerSession = DEFAULT_STREAMS_PER_SESSION,
  }: { notifier?: EventNotifier; timing?: EventStreamTiming; streamsPerSession?: number },
): Router {
  const router = Router();
  const sessionStreams = new SessionStreams(streamsPerSession);
  router.get(routes.events.path, async (req, res) => {
    const orgId = res.locals.orgId as string;
    const requested = readLastEventId(req);
    // Listening from the start: a client that leaves while the first query runs has no
    // stream to follow (and its 'close' would not fire again for a listener added later).
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const newest = await engine.lastEventSeq(orgId);
    // A client ahead of the outbox (the database was replaced) would otherwise wait in silence
    // for numbers it has already seen; it follows from the newest event instead.
    let after = requested === undefined || requested > newest ? newest : requested;
    // A client resuming from an event that has been pruned may have missed others after it:
    // it is told to read everything again, then follows from the newest.
    const resync = after > 0 && after < newest && !(await outboxStillHolds(engine, orgId, after));
    if (resync) after = newest;

    if (gone.signal.aborted) return;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: a compressing proxy would hold events back to fill its buffers.
      'Cache-Control': 'no-store, no-transform',
      // nginx buffers proxied answers unless told not to; events must go out at once.
      'X-Accel-Buffering': 'no',
      // When the stream ends (server stopping), the socket goes with it instead of idling in
      // keep-alive, so a shutdown does not wait for it.
      Connection: 'close',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);
    const session = sessionOf(res);
    if (session)
      res.on(
        'close',
        sessionStreams.add(session.idHash, () => res.end()),
      );
    if (resync) res.write(formatEvent({ seq: newest, event: { type: 'resync' } }));
    followOutbox(engine, req, res, { orgId, after, notifier, timing, gone });
  });
  return router;
}

/** Whether the organization's event `seq` is still in the outbox (not pruned). */
async function outboxStillHolds(engine: Engine, orgId: string, seq: number): Promise<boolean> {
  const [event] = await engine.listEvents(orgId, seq - 1, 1);
  return event?.seq === seq;
}

function readLastEventId(req: Request): number | undefined {
  const header = req.get('last-event-id');
  const query = req.query as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(query)
    .filter((key) => key !== 'lastEventId')
    .map((key) => ({ field: `query.${key}`, message: 'is not a known parameter' }));
  const candidates: [string, unknown][] = [
    ['headers.last-event-id', header],
    ['query.lastEventId', query.lastEventId],
  ];
  let value: number | undefined;
  for (const [field, raw] of candidates) {
    if (raw === undefined || raw === '') continue;
    if (typeof raw !== 'string' || !SEQUENCE.test(raw)) {
      errors.push({ field, message: 'must be the id of an event (a non-negative integer)' });
    } else {
      // The header wins: it is what the browser sends on reconnect, and it is newer than a
      // lastEventId the page put in the URL when it first connected.
      value ??= Number(raw);
    }
  }
  if (errors.length > 0) throw new InvalidRequestError(errors);
  return value;
}

interface FollowOptions {
  orgId: string;
  after: number;
  notifier: EventNotifier | undefined;
  timing: EventStreamTiming;
  /** Aborted when the client has left. */
  gone: AbortController;
}

/** Sends the outbox from `after` on, then whatever is appended, until the client leaves. */
function followOutbox(
  engine: Engine,
  req: Request,
  res: Response,
  { orgId, after, notifier, timing, gone }: FollowOptions,
): void {
  const log: Logger = req.log;
  let cursor = after;
  let reading: Promise<void> | undefined;
  let readAgain = false;

  const send = async (chunk: string) => {
    // A client that does not read holds the stream back here, and with it the outbox reads:
    // nothing piles up in memory for it.
    if (!res.write(chunk)) await once(res, 'drain', { signal: gone.signal });
  };

  const readOutbox = async () => {
    for (;;) {
      const events = await engine.listEvents(orgId, cursor, PAGE_SIZE);
      for (const event of events) {
        if (gone.signal.aborted) return;
        await send(formatEvent(event));
        cursor = event.seq;
      }
      if (events.length < PAGE_SIZE || gone.signal.aborted) return;
    }
  };

  // Wake-ups that arrive during a read are folded into one more read after it, never a
  // second concurrent one (which could send the same events twice).
  const wake = () => {
    if (gone.signal.aborted) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = (async () => {
      do {
        readAgain = false;
        await readOutbox();
      } while (readAgain && !gone.signal.aborted);
    })()
      .catch((error: unknown) => {
        if (gone.signal.aborted) return;
        // The client reconnects after `retry` and resumes from its Last-Event-ID: nothing is lost.
        log.error({ err: error, orgId }, 'event stream failed');
        res.destroy();
      })
      .finally(() => {
        reading = undefined;
      });
  };

  const poll = setInterval(wake, timing.pollMs);
  const heartbeat = setInterval(() => {
    if (!gone.signal.aborted && !res.writableNeedDrain) res.write(': heartbeat\n\n');
  }, timing.heartbeatMs);
  const unsubscribe = notifier?.subscribe(orgId, { wake, end: () => res.end() });

  gone.signal.addEventListener('abort', () => {
    clearInterval(poll);
    clearInterval(heartbeat);
    unsubscribe?.();
  });
  wake();
}

function formatEvent({ seq, event }: Pick<StoredEvent, 'seq' | 'event'>): string {
  // JSON.stringify never emits a raw newline, so the payload fits on one `data:` line.
  return `id: ${seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
