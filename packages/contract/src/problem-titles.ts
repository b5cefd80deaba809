import { problemType, type FieldError, type Problem, type ProblemCode } from './problem.ts';

/** Each problem code's title: the same words from the BFF and from the SPA's mock. */
export const PROBLEM_TITLES: Record<ProblemCode, string> = {
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
  service_unavailable: 'Service unavailable',
};

/** Why a 404 names no resource: no route answers that method and path. */
export function noRouteDetail(method: string, path: string): string {
  return `No API route ${method} ${path}.`;
}

export interface ProblemFields {
  detail?: string;
  errors?: FieldError[];
  /** The path asked for, without its query. */
  instance?: string;
  requestId?: string;
}

/** A problem+json body (RFC 9457) with the code's type and title. */
export function problemOf(status: number, code: ProblemCode, fields: ProblemFields = {}): Problem {
  const { instance, detail, errors, requestId } = fields;
  return {
    type: problemType(code),
    title: PROBLEM_TITLES[code],
    status,
    code,
    ...(instance === undefined ? {} : { instance }),
    ...(detail === undefined ? {} : { detail }),
    ...(errors === undefined ? {} : { errors }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}
