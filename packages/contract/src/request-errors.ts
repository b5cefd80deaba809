import type { FieldError } from './problem.ts';

/**
 * Errors of a request's HTTP form, thrown by whoever answers the API (the BFF, the SPA's mock);
 * `problemForError` (@hybrid-hub/http-binding) turns them, and the engine's, into problems.
 */

/** Input that broke the contract; `errors` name the fields (`query.pageSize`, `body.enabled`). */
export class InvalidRequestError extends Error {
  override readonly name: string = 'InvalidRequestError';
  constructor(
    readonly errors: FieldError[],
    message = 'The request has invalid fields.',
  ) {
    super(message);
  }
}

/** A body that is not JSON at all. */
export class InvalidJsonError extends InvalidRequestError {
  override readonly name = 'InvalidJsonError';
  constructor() {
    super([{ field: 'body', message: 'must be valid JSON' }], 'The body is not valid JSON.');
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
