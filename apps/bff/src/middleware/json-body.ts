import express, { type Request, type RequestHandler } from 'express';
import { sendProblem } from './problem.ts';

/** Bodies larger than this are refused (413): the biggest one the API takes is a bulk selection. */
export const BODY_LIMIT = '100kb';

/** The request carries a body (a length above zero, or chunks). */
export function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Request bodies are JSON or nothing: a body of another type is refused (415) instead of being
 * read as no body at all — a form or text/plain post (what a cross-site page can send without
 * asking) never reaches a handler. JSON over the size limit is 413, malformed JSON 400.
 */
export const jsonBody: RequestHandler[] = [
  (req, res, next) => {
    if (!hasBody(req) || req.is('application/json')) return next();
    sendProblem(res, 415, 'validation_failed', {
      detail: 'Send the body as JSON (Content-Type: application/json).',
      errors: [{ field: 'headers.content-type', message: 'must be application/json' }],
    });
  },
  express.json({ limit: BODY_LIMIT }),
];
