import {
  IdempotencyKeyReusedError,
  InvalidRequestError,
  PreconditionRequiredError,
  SignInFailedError,
  type FieldError,
  type ProblemCode,
} from '@hybrid-hub/contract';
import {
  ConflictError,
  NotFoundError,
  StaleRevisionError,
  ValidationError,
} from '@hybrid-hub/engine';

/** What a problem answer says about an error (its title comes with the code). */
export interface ProblemAnswer {
  status: number;
  code: ProblemCode;
  detail?: string;
  errors?: FieldError[];
}

/**
 * The problem an error thrown while answering a request becomes: the engine's typed errors and
 * the request's (request-errors.ts in the contract). Undefined for any other error: the caller
 * logs it and answers 500, so no internals reach the client.
 */
export function problemForError(error: unknown, method: string): ProblemAnswer | undefined {
  if (error instanceof InvalidRequestError) {
    return { status: 400, code: 'validation_failed', detail: error.message, errors: error.errors };
  }
  if (error instanceof ValidationError) {
    // The engine names the field; where it travelled depends on the request: reads carry their
    // input in the query string, writes in the body.
    const field = `${method === 'GET' ? 'query' : 'body'}.${error.field}`;
    return {
      status: 400,
      code: 'validation_failed',
      detail: error.message,
      errors: [{ field, message: error.message }],
    };
  }
  if (error instanceof NotFoundError) {
    return { status: 404, code: 'not_found', detail: `That ${error.resource} does not exist.` };
  }
  if (error instanceof ConflictError) {
    // 'last_available_node' tells the client it can repeat the request with force.
    return { status: 409, code: error.reason, detail: error.message };
  }
  if (error instanceof SignInFailedError) {
    return { status: 401, code: 'unauthorized', detail: error.message };
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return { status: 422, code: 'idempotency_key_reused', detail: error.message };
  }
  if (error instanceof PreconditionRequiredError) {
    return { status: 428, code: 'precondition_required', detail: error.message };
  }
  if (error instanceof StaleRevisionError) {
    return { status: 412, code: 'precondition_failed', detail: error.message };
  }
  return undefined;
}
