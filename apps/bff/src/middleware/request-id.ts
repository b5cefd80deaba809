import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, RequestId } from '@hybrid-hub/contract';

/**
 * The request's id, for pino-http's `genReqId` (which makes it `req.id`): the client's or the
 * proxy's `X-Request-Id` when it is short and plain (`RequestId`: it is written into the log and
 * the audit log, so no line breaks, markup or a megabyte of text), a new UUID otherwise. It is sent back at once, so that
 * every answer carries it — errors and problems included — and the log line, the audit entry and
 * what the client saw can be joined.
 */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const inbound = req.headers[REQUEST_ID_HEADER.toLowerCase()];
  const id = RequestId.safeParse(inbound).data ?? randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The id `requestIdFor` gave the request (undefined where pino-http did not run). */
export function requestIdOf(req: IncomingMessage): string | undefined {
  const { id } = req as { id?: unknown };
  return typeof id === 'string' ? id : undefined;
}
