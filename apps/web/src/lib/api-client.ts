import {
  CSRF_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  PROBLEM_CONTENT_TYPE,
  pathFor,
  REQUEST_ID_HEADER,
  routeTable,
  type Problem,
  type ProblemCode,
  type RouteName,
  type routes,
} from '@hybrid-hub/contract';
import type { z } from 'zod';

/**
 * The SPA's one typed API client. It knows the API only through the contract's route table,
 * so the msw handlers and the real BFF are interchangeable behind it. It reads `routeTable`
 * (methods and paths) and takes only the types of `routes`: the schemas stay out of the
 * console's first load.
 */

type RouteOf<N extends RouteName> = (typeof routes)[N];
export type ApiResponse<N extends RouteName> = z.output<RouteOf<N>['response']>;
type ParamsOf<N extends RouteName> =
  RouteOf<N> extends { params: infer P extends z.ZodType } ? z.input<P> : never;
type QueryOf<N extends RouteName> =
  RouteOf<N> extends { query: infer Q extends z.ZodType } ? z.input<Q> : never;
type BodyOf<N extends RouteName> =
  RouteOf<N> extends { body: infer B extends z.ZodType } ? z.input<B> : never;
/** Routes guarded against lost updates name the revision the admin decided on (`If-Match`). */
type IfMatchOf<N extends RouteName> = RouteOf<N> extends { ifMatch: true } ? number : never;
/** Routes that take an Idempotency-Key: one per admin action, the same on every retry of it. */
type IdempotencyKeyOf<N extends RouteName> =
  RouteOf<N> extends { idempotencyKey: true } ? string : never;

export type ApiRequestOptions<N extends RouteName> = { signal?: AbortSignal } & ([
  ParamsOf<N>,
] extends [never]
  ? { params?: undefined }
  : { params: ParamsOf<N> }) &
  ([QueryOf<N>] extends [never] ? { query?: undefined } : { query?: QueryOf<N> }) &
  ([BodyOf<N>] extends [never] ? { body?: undefined } : { body: BodyOf<N> }) &
  ([IfMatchOf<N>] extends [never] ? { ifMatch?: undefined } : { ifMatch: IfMatchOf<N> }) &
  ([IdempotencyKeyOf<N>] extends [never]
    ? { idempotencyKey?: undefined }
    : { idempotencyKey: IdempotencyKeyOf<N> });

/** A failed request, carrying the server's problem+json (or one made up for a non-problem answer). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly problem: Problem;
  /**
   * The failed request's method; none for a failure made up without a request. A change (not a
   * GET) has an entry in the audit log under the problem's `requestId`.
   */
  readonly method: string | undefined;

  constructor(problem: Problem, method?: string) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.problem = problem;
    this.method = method;
  }

  get status(): number {
    return this.problem.status;
  }
  get code(): ProblemCode {
    return this.problem.code;
  }
  get title(): string {
    return this.problem.title;
  }
  get detail(): string | undefined {
    return this.problem.detail;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Builds an absolute URL: jsdom's fetch has no base URL, so relative paths do not work there. */
export function urlFor(path: string, query?: Record<string, unknown>): URL {
  const url = new URL(path, globalThis.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    url.searchParams.set(key, String(value));
  }
  return url;
}

function isProblem(body: unknown): body is Problem {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Problem).title === 'string' &&
    typeof (body as Problem).status === 'number'
  );
}

function fallbackProblem(status: number, statusText: string): Problem {
  const code: ProblemCode =
    status === 404
      ? 'not_found'
      : status === 401
        ? 'unauthorized'
        : status === 403
          ? 'forbidden'
          : 'internal_error';
  return {
    type: 'about:blank',
    title: statusText || `Request failed with status ${status}`,
    status,
    code,
  };
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  let problem: Problem | undefined;
  if (type.includes(PROBLEM_CONTENT_TYPE) || type.includes('application/json')) {
    try {
      const body: unknown = await response.json();
      if (isProblem(body)) problem = body;
    } catch {
      // Not JSON after all: fall through to a problem made from the status.
    }
  }
  problem ??= fallbackProblem(response.status, response.statusText);
  // An answer that is not a problem (a proxy's page) may still name the request in its header.
  const requestId = problem.requestId ?? response.headers.get(REQUEST_ID_HEADER) ?? undefined;
  return requestId === undefined ? problem : { ...problem, requestId };
}

/**
 * The same-origin address of a route, for what the browser fetches by itself rather than
 * through `request`: a download link (Export CSV), an EventSource.
 */
export function hrefFor<N extends RouteName>(
  name: N,
  options: { params?: ParamsOf<N>; query?: QueryOf<N> } = {},
): string {
  const route: { path: string } = routeTable[name];
  const url = urlFor(
    pathFor(route.path, options.params as Record<string, string> | undefined),
    options.query as Record<string, unknown> | undefined,
  );
  return `${url.pathname}${url.search}`;
}

/**
 * The session's CSRF token, echoed on every state-changing request. It lives in memory only (the
 * session cookie itself is HttpOnly): learnt from the session when it is read or signed in to,
 * and fetched once more when the server says it is stale (a sign-in in another tab).
 */
let csrfToken: string | undefined;

/** Keeps the token of the session just read or opened; `undefined` after signing out. */
export function rememberCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

async function freshCsrfToken(signal?: AbortSignal): Promise<string | undefined> {
  const session = await send('getSession', { signal } as ApiRequestOptions<'getSession'>);
  csrfToken = session.csrfToken;
  return csrfToken;
}

export async function request<N extends RouteName>(
  name: N,
  ...[options]: [ParamsOf<N> | BodyOf<N>] extends [never]
    ? [options?: ApiRequestOptions<N>]
    : [options: ApiRequestOptions<N>]
): Promise<ApiResponse<N>> {
  const route: { method: string; path: string } = routeTable[name];
  if (route.method === 'GET' || name === 'signIn') return send(name, options);
  const token = csrfToken ?? (await freshCsrfToken(options?.signal));
  try {
    return await send(name, options, token);
  } catch (error) {
    if (!(isApiError(error) && error.code === 'csrf_failed')) throw error;
    return send(name, options, await freshCsrfToken(options?.signal));
  }
}

async function send<N extends RouteName>(
  name: N,
  options: ApiRequestOptions<N> | undefined,
  token?: string,
): Promise<ApiResponse<N>> {
  const route: { method: string; path: string } = routeTable[name];
  const params = options?.params as Record<string, string> | undefined;
  const url = urlFor(
    pathFor(route.path, params),
    options?.query as Record<string, unknown> | undefined,
  );
  const body = options?.body;
  const ifMatch = options?.ifMatch;
  const idempotencyKey = options?.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(url, {
      method: route.method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }),
        ...(idempotencyKey === undefined ? {} : { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey }),
        ...(token === undefined ? {} : { [CSRF_HEADER]: token }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'same-origin',
      signal: options?.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: 'Cannot reach the server',
      detail: 'Check your connection and try again.',
      status: 0,
      code: 'internal_error',
    });
  }
  if (!response.ok) throw new ApiError(await problemOf(response), route.method);
  if (response.status === 204) return undefined as ApiResponse<N>;
  return (await response.json()) as ApiResponse<N>;
}

export const apiClient = { request };
