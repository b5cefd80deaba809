/**
 * The API's own headers and media type. Apart from the schemas, and free of zod, so the SPA's
 * first load can send and read them without downloading the schemas (see route-table.ts).
 */

/**
 * The header naming one API request: the BFF makes the id (a UUID) and sends it back on every
 * answer; it is kept in the log and with the request's audit entry, and in a problem's
 * `requestId`. A client (or a proxy) may send its own: when it matches `RequestId`
 * (request-id.ts) it is kept beside the BFF's (`clientRequestId`), never in its place.
 */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * The session cookie's name (HttpOnly, SameSite=Strict, set by signing in). Over HTTPS it takes
 * the `__Host-` prefix, and only that name opens a session there (see the BFF's
 * auth/session-cookie.ts).
 */
export const SESSION_COOKIE = 'hub_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** The request header carrying the session's CSRF token on POST, PUT and DELETE. */
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * Names one bulk action of an admin (the SPA makes one per click): a request repeated with the
 * same key and body — a retry after a lost answer — answers the job the first one started, for
 * 24 hours (draft-ietf-httpapi-idempotency-key-header). Its value: `IdempotencyKey` (jobs.ts).
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The media type of every error answer (RFC 9457), `Problem` in problem.ts. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
