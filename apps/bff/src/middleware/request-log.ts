import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { clientRequestIdOf, requestIdFor } from './request-id.ts';

/**
 * One short line per request: its id, the client's own request id if it sent one, method, URL,
 * status, time. Headers stay out of the log. Refusals log at warn, failures at error.
 */
export function requestLog(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    // Every request's id, sent back in X-Request-Id and kept with its audit entry.
    genReqId: requestIdFor,
    // Liveness probes would drown the log.
    autoLogging: { ignore: (req) => req.url === '/api/health' },
    serializers: {
      req: (req: { id: unknown; method: string; url: string; raw: IncomingMessage }) => ({
        id: req.id,
        clientRequestId: clientRequestIdOf(req.raw),
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  });
}
