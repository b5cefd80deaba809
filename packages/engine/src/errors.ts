/**
 * Typed errors the engine throws; @hybrid-hub/http-binding maps each to a problem+json status in
 * one place, for the BFF and the SPA's mock (NotFoundError → 404, ConflictError → 409,
 * ValidationError → 400).
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

/**
 * The command is not allowed in the current state, or someone else changed the target first.
 * `reason` tells clients what they can do about it: `last_available_node` = repeat with force.
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    message: string,
    readonly reason: 'conflict' | 'last_available_node' = 'conflict',
  ) {
    super(message);
  }
}

/**
 * The command named the revision it was made from (`If-Match`), and the target has changed
 * since: the admin decided on a state that no longer holds (BFF → 412).
 */
export class StaleRevisionError extends Error {
  override readonly name = 'StaleRevisionError';
  constructor(
    readonly resource: string,
    readonly id: string,
    readonly currentRevision: number,
  ) {
    super(`${resource} ${id} has changed since (now at revision ${currentRevision}); look again`);
  }
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
