/**
 * Typed errors the engine throws; the BFF maps each to a problem+json status in one place
 * (NotFoundError → 404, ConflictError → 409, ValidationError → 400).
 */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} was not found`);
  }
}

/** The command is not allowed in the current state, or someone else changed the target first. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** Input the contract accepts but the domain rejects (e.g. a malformed cursor). */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
