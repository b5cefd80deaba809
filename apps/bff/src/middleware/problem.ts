import {
  InvalidJsonError,
  noRouteDetail,
  PROBLEM_CONTENT_TYPE,
  problemOf,
  type FieldError,
  type ProblemCode,
} from '@hybrid-hub/contract';
import { problemForError } from '@hybrid-hub/http-binding';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { isDatabaseUnavailable } from '../store/pg/pg-unavailable.ts';
import { requestIdOf } from './request-id.ts';

/** What a 503 for an unreachable database tells the client to wait before trying again. */
const DATABASE_RETRY_AFTER_SECONDS = 2;

/** Answers with a problem (problemOf: the title its code has everywhere), naming the request. */
export function sendProblem(
  res: Response,
  status: number,
  code: ProblemCode,
  extra: { detail?: string; errors?: FieldError[] } = {},
): void {
  const problem = problemOf(status, code, {
    instance: res.req.originalUrl.split('?')[0],
    ...extra,
    requestId: requestIdOf(res.req),
  });
  res.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** Any /api path no route answered (a Lab route while the Lab is off). */
export const apiNotFound: RequestHandler = (req, res) => {
  const path = req.baseUrl + req.path;
  sendProblem(res, 404, 'not_found', { detail: noRouteDetail(req.method, path) });
};

interface HttpParserError {
  type?: string;
  status?: number;
}

/**
 * The one place where errors become HTTP answers (problem+json). Typed errors from the engine
 * and from validation map to their status (problemForError, shared with the SPA's mock); anything else is logged with its stack and answered
 * as a bare 500, so no internals reach the client.
 */
export const problemHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  const known = problemForError(error, req.method);
  if (known) {
    const { status, code, ...extra } = known;
    return sendProblem(res, status, code, extra);
  }
  if (isDatabaseUnavailable(error)) {
    // Down, restarting or overloaded for a moment: the client may retry (another replica may
    // answer at once), so this is not logged as a bug, only noted.
    req.log.warn({ err: error }, 'database unavailable');
    res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return sendProblem(res, 503, 'service_unavailable', {
      detail: 'The database cannot be reached right now. Try again in a few seconds.',
    });
  }
  if (error instanceof URIError) {
    // Express could not decode a path parameter (`/users/%zz`).
    return sendProblem(res, 400, 'validation_failed', {
      detail: 'The URL has a part that is not valid percent-encoding.',
      errors: [{ field: 'params', message: 'must be valid percent-encoding' }],
    });
  }
  const parserError = error as HttpParserError;
  if (parserError.type === 'entity.parse.failed') {
    const { message, errors } = new InvalidJsonError();
    return sendProblem(res, 400, 'validation_failed', { detail: message, errors });
  }
  if (parserError.type === 'entity.too.large') {
    return sendProblem(res, 413, 'payload_too_large', {
      detail: 'The body is larger than allowed.',
    });
  }
  if (parserError.status === 404) return sendProblem(res, 404, 'not_found');
  if (parserError.type && parserError.status && parserError.status < 500) {
    return sendProblem(res, 400, 'validation_failed', { detail: 'The body could not be read.' });
  }

  req.log.error({ err: error }, 'unhandled error');
  sendProblem(res, 500, 'internal_error', { detail: 'The error has been logged.' });
};
