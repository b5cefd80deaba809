import { z } from 'zod';

/**
 * RFC 9457 problem details. `code` is the stable machine-readable name clients switch on;
 * `type` is a URI made from it. Validation problems name the fields at fault in `errors`.
 */
export const ProblemCode = z.enum([
  'validation_failed',
  'not_found',
  'conflict',
  /** 409: the last node that can serve a cluster's users; repeat with `force` to proceed. */
  'last_available_node',
  /** 412: `If-Match` names a revision the target no longer has (someone changed it since). */
  'precondition_failed',
  /** 428: the request must say which revision it was made from (`If-Match`). */
  'precondition_required',
  /** 401: no session, or it has ended (signed out, idle, past its lifetime); also a failed sign-in. */
  'unauthorized',
  /** 403: the signed-in role may not do this. */
  'forbidden',
  /** 403: a state-changing request without the session's token in `X-CSRF-Token`. */
  'csrf_failed',
  /** 422: an Idempotency-Key already used for a different request (another body). */
  'idempotency_key_reused',
  'rate_limited',
  'payload_too_large',
  'internal_error',
  /** 503: the database cannot be reached right now; try again after Retry-After. */
  'service_unavailable',
]);
export type ProblemCode = z.infer<typeof ProblemCode>;

export const FieldError = z.object({
  /** Dotted path of the field, e.g. `query.pageSize` or `body.enabled`. */
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: ProblemCode,
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(FieldError).optional(),
  /**
   * The request's `X-Request-Id`: quoted from an error, it finds the request in the log and, for
   * a change, its audit entry.
   */
  requestId: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

export function problemType(code: ProblemCode): string {
  return `https://hybrid-hub.example/problems/${code.replaceAll('_', '-')}`;
}
