import { isApiError } from './api-client.ts';

/** Long ids (a UUID) are shown by their first characters, as a commit is by its short hash. */
export function shortRequestId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/**
 * The id of the request a failure answered, as the server named it (`requestId`, X-Request-Id):
 * what an admin quotes to support. None for a failure the SPA made up with no answer to name it
 * (the server out of reach), nor for a crash in the page itself.
 */
export function requestIdOf(error: unknown): string | undefined {
  return isApiError(error) ? error.problem.requestId : undefined;
}

/**
 * Whether the failed request has an entry in the audit log: the BFF records every change (not
 * the GETs that read a page), refused ones included, under the request's id.
 */
export function isAuditedRequest(error: unknown): boolean {
  return isApiError(error) && error.method !== undefined && error.method !== 'GET';
}
