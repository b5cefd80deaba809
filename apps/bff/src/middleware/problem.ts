import {
  PROBLEM_CONTENT_TYPE,
  problemType,
  type FieldError,
  type Problem,
  type ProblemCode,
} from '@hybrid-hub/contract';
import {
  ConflictError,
  NotFoundError,
  StaleRevisionError,
  ValidationError,
} from '@hybrid-hub/engine';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { requestIdOf } from './request-id.ts';

/** Input that broke the contract; `errors` name the fields (`query.pageSize`, `body.enabled`). */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  constructor(readonly errors: FieldError[]) {
    super('The request has invalid fields.');
  }
}

/** A route that guards against lost updates was called without `If-Match`. */
export class PreconditionRequiredError extends Error {
  override readonly name = 'PreconditionRequiredError';
  constructor() {
    super(
      'Say which revision you decided on: send If-Match with the ETag (or revision) you last read.',
    );
  }
}

/** An Idempotency-Key already named another request (a different body). */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor() {
    super('This Idempotency-Key was used for a different request. Use a new key for a new action.');
  }
}

/**
 * Wrong email or wrong password: one answer for both, so that it tells nobody which accounts
 * exist.
 */
export class SignInFailedError extends Error {
  override readonly name = 'SignInFailedError';
  constructor() {
    super('The email or password is not right.');
  }
}

const TITLES: Record<ProblemCode, string> = {
  validation_failed: 'Invalid request',
  not_found: 'Not found',
  conflict: 'Conflict',
  last_available_node: 'Last node that can serve the cluster',
  precondition_failed: 'Changed since you looked',
  precondition_required: 'Revision required',
  unauthorized: 'Sign-in required',
  forbidden: 'Not allowed',
  csrf_failed: 'Request not verified',
  idempotency_key_reused: 'Idempotency key already used',
  rate_limited: 'Too many requests',
  payload_too_large: 'Request too large',
  internal_error: 'Something went wrong',
};

export function sendProblem(
  res: Response,
  status: number,
  code: ProblemCode,
  extra: { detail?: string; errors?: FieldError[] } = {},
): void {
  const problem: Problem = {
    type: problemType(code),
    title: TITLES[code],
    status,
    code,
    instance: res.req.originalUrl.split('?')[0],
    ...extra,
    requestId: requestIdOf(res.req),
  };
  res.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** Any /api path no route answered. */
export const apiNotFound: RequestHandler = (req, res) => {
  sendProblem(res, 404, 'not_found', { detail: `No API route ${req.method} ${req.path}.` });
};

interface HttpParserError {
  type?: string;
  status?: number;
}

/**
 * The one place where errors become HTTP answers (problem+json). Typed errors from the engine
 * and from validation map to their status; anything else is logged with its stack and answered
 * as a bare 500, so no internals reach the client.
 */
export const problemHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof InvalidRequestError) {
    return sendProblem(res, 400, 'validation_failed', {
      detail: error.message,
      errors: error.errors,
    });
  }
  if (error instanceof ValidationError) {
    // The engine names the field; where it travelled depends on the request: reads carry their
    // input in the query string, writes in the body.
    const field = `${req.method === 'GET' ? 'query' : 'body'}.${error.field}`;
    return sendProblem(res, 400, 'validation_failed', {
      detail: error.message,
      errors: [{ field, message: error.message }],
    });
  }
  if (error instanceof NotFoundError) {
    return sendProblem(res, 404, 'not_found', { detail: `That ${error.resource} does not exist.` });
  }
  if (error instanceof ConflictError) {
    // 'last_available_node' tells the client it can repeat the request with force.
    return sendProblem(res, 409, error.reason, { detail: error.message });
  }
  if (error instanceof SignInFailedError) {
    return sendProblem(res, 401, 'unauthorized', { detail: error.message });
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return sendProblem(res, 422, 'idempotency_key_reused', { detail: error.message });
  }
  if (error instanceof PreconditionRequiredError) {
    return sendProblem(res, 428, 'precondition_required', { detail: error.message });
  }
  if (error instanceof StaleRevisionError) {
    return sendProblem(res, 412, 'precondition_failed', { detail: error.message });
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
    return sendProblem(res, 400, 'validation_failed', {
      detail: 'The body is not valid JSON.',
      errors: [{ field: 'body', message: 'must be valid JSON' }],
    });
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
