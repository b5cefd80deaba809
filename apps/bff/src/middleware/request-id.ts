import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, RequestId } from '@hybrid-hub/contract';

/** The X-Request-Id a client or proxy sent, by request (when it was short and plain). */
const clientRequestIds = new WeakMap<IncomingMessage, string>();

/**
 * The request's id, for pino-http's `genReqId` (which makes it `req.id`): always a new UUID, so
 * that it names this one request. A client's or proxy's own `X-Request-Id` never becomes it —
 * two admins sending the same one would share an id, and the audit log's filter by it would mix
 * their entries — but is kept beside it (`clientRequestIdOf`: the log line's `clientRequestId`,
 * the audit entry's) when it is short and plain (`RequestId`: no line breaks, markup or a
 * megabyte of text). The id is sent back at once, so that every answer carries it — errors and
 * problems included — and the log line, the audit entry and what the client saw can be joined.
 */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const sent = RequestId.safeParse(req.headers[REQUEST_ID_HEADER.toLowerCase()]);
  if (sent.success) clientRequestIds.set(req, sent.data);
  const id = randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The id `requestIdFor` gave the request (undefined where pino-http did not run). */
export function requestIdOf(req: IncomingMessage): string | undefined {
  const { id } = req as { id?: unknown };
  return typeof id === 'string' ? id : undefined;
}

/** The client's or proxy's own X-Request-Id, when it sent a valid one. */
export function clientRequestIdOf(req: IncomingMessage): string | undefined {
  return clientRequestIds.get(req);
}
