import {
  AUDIT_EXPORT_COLUMNS,
  auditExportCells,
  buildOpenApiDocument,
  CSRF_HEADER,
  CSRF_REFUSAL,
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeyOf,
  InvalidJsonError,
  mayCall,
  noRouteDetail,
  parseRequestParts,
  PROBLEM_CONTENT_TYPE,
  problemOf,
  refusalReason,
  REQUEST_ID_HEADER,
  revisionOfIfMatch,
  routes,
  SignInFailedError,
  SIGN_IN_FIRST,
  type AuditAction,
  type FieldError,
  type Problem,
  type ProblemCode,
  type RequestParts,
  type RouteName,
  type RouteSpec,
} from '@hybrid-hub/contract';
import type { Actor, Engine } from '@hybrid-hub/engine';
import {
  engineRouteOf,
  engineRoutes,
  problemForError,
  type BindingInput,
  type EngineRouteName,
  type TransportRouteName,
} from '@hybrid-hub/http-binding';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { csvText } from './csv-text.ts';
import { eventStreamHandler } from './event-stream.ts';
import { MockAuditLog } from './mock-audit.ts';
import { defaultAdmin, MOCK_CSRF_TOKEN, MockSession } from './mock-session.ts';
import { usersCsv } from './users-csv.ts';

/**
 * msw handlers for every route of the contract's table, answered by the real engine over an
 * in-memory store. The engine-backed routes, the problems, and the reading of inputs and headers
 * come from the binding the BFF's routers are made from too (@hybrid-hub/http-binding and the
 * contract), so both answer alike (apps/bff/src/mock-parity.test.ts); the mock session, its
 * audit log and its CSV files are the mock's own.
 */

export interface MockApiOptions {
  engine: Engine;
  /**
   * Who is signed in; by default the Full administrator of `orgId`. The organization in scope and
   * the history's actor come from it, as the BFF takes them from the session.
   */
  session?: MockSession;
  /** The organization whose Full administrator is signed in when no `session` is given. */
  orgId?: string;
  /** The Lab is on in the demo and in tests, as in the BFF's demo (HUB_LAB). */
  labEnabled?: boolean;
  /** Where the mock records its changes (the Audit log page reads it). */
  audit?: MockAuditLog;
}

export function problemResponse(
  status: number,
  code: ProblemCode,
  detail?: string,
  errors?: FieldError[],
  instance?: string,
): HttpResponse<Problem> {
  return HttpResponse.json(problemOf(status, code, { detail, errors, instance }), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
  });
}

/**
 * Names the request as the BFF does: every answer carries X-Request-Id, and a problem says it in
 * `requestId` too, so that the SPA can show it for an admin to quote.
 */
export async function withRequestId(response: Response, requestId: string): Promise<Response> {
  if (!response.headers.get('content-type')?.startsWith(PROBLEM_CONTENT_TYPE)) {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }
  const problem = (await response.json()) as Problem;
  const named = HttpResponse.json({ ...problem, requestId } satisfies Problem, response);
  named.headers.set(REQUEST_ID_HEADER, requestId);
  return named;
}

/** The query string as Express's simple parser reads it: a repeated name gives a list. */
function queryOf(request: Request): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URL(request.url).searchParams) {
    const before = query[name];
    query[name] = before === undefined ? value : [before, value].flat();
  }
  return query;
}

/** The route's own `:name` parameters (msw also reports the leading `*` wildcard as `0`). */
function paramsOf(
  path: string,
  params: Record<string, string | readonly string[] | undefined>,
): Record<string, unknown> {
  const names = Array.from(path.matchAll(/:([A-Za-z]+)/g), (m) => m[1]!);
  return Object.fromEntries(names.map((name) => [name, params[name]]));
}

/** The JSON body, or undefined without one. */
async function bodyOf(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidJsonError();
  }
}

/** What a resolver gets: inputs already parsed by the route's schemas, as the BFF's handle(). */
type ResolverInput<N extends RouteName> = RequestParts<(typeof routes)[N]> & { request: Request };

/**
 * The routes the mock answers in its own way (its session, audit log, files); every other one
 * is the binding's. The answer's JSON value, or a whole Response for those that are not JSON.
 */
type TransportResolvers = {
  [N in TransportRouteName]: (input: ResolverInput<N>) => Promise<unknown>;
};

interface MswInput {
  request: Request;
  params: Record<string, string | readonly string[] | undefined>;
}

/** Matches the route on any origin: jsdom and the browser worker see absolute URLs. */
function urlPattern(path: string): string {
  return `*${path}`;
}

export function createHandlers({
  engine,
  orgId: initialOrgId = 'acme',
  session = new MockSession(defaultAdmin(initialOrgId)),
  labEnabled = true,
  audit = new MockAuditLog(),
}: MockApiOptions): HttpHandler[] {
  const startedAt = Date.now();
  // Set from the session before each request is resolved (one session at a time in the mock).
  let orgId = session.admin?.orgId ?? initialOrgId;
  const by: Actor = { orgId, actor: session.admin?.email ?? 'nobody' };
  const sessionBody = async () => {
    const admin = session.admin!;
    return {
      admin: {
        id: `${admin.orgId}-${admin.email.split('@')[0]}`,
        email: admin.email,
        name: admin.name,
        role: admin.role,
      },
      organization: await engine.getOrganization(admin.orgId),
      csrfToken: MOCK_CSRF_TOKEN,
      idleTimeoutSeconds: 30 * 60,
      expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
    };
  };
  // With the binding's engine routes, a Record over RouteName: a route added to the contract
  // does not compile here until answered.
  const transportResolvers: TransportResolvers = {
    health: async () => ({
      status: 'ok',
      version: 'mock',
      uptimeSeconds: (Date.now() - startedAt) / 1000,
    }),
    getOpenApi: async () => buildOpenApiDocument('mock'),
    signIn: async ({ body }) => {
      if (!session.signIn(body.email, body.password)) throw new SignInFailedError();
      return HttpResponse.json(await sessionBody(), { status: 201 });
    },
    getSession: () => sessionBody(),
    signOut: async () => {
      session.signInAs(undefined);
      return new HttpResponse(null, { status: 204 });
    },
    exportUsersCsv: async ({ query }) =>
      new HttpResponse(await usersCsv(engine.exportUsers(orgId, query)), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="users-${query.status?.toLowerCase().replace(/\s+/g, '-') ?? 'all'}.csv"`,
        },
      }),
    // A plain request (not an EventSource) gets no stream: 204 tells a client not to retry.
    // EventSources are answered by eventStreamHandler, registered before this one.
    events: async () => new HttpResponse(null, { status: 204 }),
    getLabStatus: async () => ({ enabled: labEnabled }),
    listAuditEntries: async ({ query }) => audit.list(orgId, query),
    exportAuditCsv: async ({ query }) =>
      new HttpResponse(
        await csvText(AUDIT_EXPORT_COLUMNS, audit.export(orgId, query), auditExportCells),
        {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="audit-log-${orgId}.csv"`,
          },
        },
      ),
  };

  /** The answer of an engine route, with the status and headers the binding gives it. */
  const answerFromEngine = async (
    name: EngineRouteName,
    input: RequestParts<RouteSpec> & { ifMatch: number | undefined },
  ): Promise<Response> => {
    const route = engineRouteOf(name);
    const bound = { ...input, orgId, by: { ...by } } as BindingInput<RouteName>;
    const result = await route.call(engine, bound);
    // Like the BFF, never answer something the contract does not describe.
    return HttpResponse.json(routes[name].response.parse(result) as object, {
      status: route.status ?? 200,
      headers: route.headers?.(result),
    });
  };

  // msw answers with the first handler that matches, as Express does with its routes: the route
  // table's order puts `/users/activity` before `/users/:id`, which would take it for a user.
  const handlers = (Object.keys(routes) as RouteName[]).map((name) => {
    const route: RouteSpec = routes[name];
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    const answer = async ({ request, params }: MswInput): Promise<Response> => {
      const instance = new URL(request.url).pathname;
      // Access as the BFF enforces it: a session (401), a role the route allows (403), and the
      // CSRF token on every state-changing request of a session.
      const admin = session.admin;
      if (admin && route.method !== 'GET' && name !== 'signIn') {
        if (request.headers.get(CSRF_HEADER) !== MOCK_CSRF_TOKEN) {
          return problemResponse(403, 'csrf_failed', CSRF_REFUSAL, undefined, instance);
        }
      }
      if (route.access !== 'public') {
        if (!admin) return problemResponse(401, 'unauthorized', SIGN_IN_FIRST, undefined, instance);
        if (!mayCall(route.access, admin.role)) {
          return problemResponse(403, 'forbidden', refusalReason(admin.role), undefined, instance);
        }
      }
      // A Lab route while the Lab is off does not exist (once access is granted, as in the BFF).
      if (route.lab && !labEnabled) {
        const detail = noRouteDetail(route.method, instance);
        return problemResponse(404, 'not_found', detail, undefined, instance);
      }
      if (admin) {
        orgId = admin.orgId;
        by.orgId = admin.orgId;
        by.actor = admin.email;
      }
      try {
        const body = await bodyOf(request);
        const parts = parseRequestParts(route, {
          params: paramsOf(route.path, params),
          query: queryOf(request),
          body,
          hasBody: body !== undefined,
        });
        const ifMatch = route.ifMatch
          ? revisionOfIfMatch(request.headers.get('if-match'))
          : undefined;
        if (route.idempotencyKey) idempotencyKeyOf(request.headers.get(IDEMPOTENCY_KEY_HEADER));
        if (name in engineRoutes) {
          return await answerFromEngine(name as EngineRouteName, { ...parts, ifMatch });
        }
        const resolve = transportResolvers[name as TransportRouteName] as (
          input: unknown,
        ) => Promise<unknown>;
        const result = await resolve({ ...parts, request });
        if (result instanceof Response) return result;
        return HttpResponse.json(route.response.parse(result) as object);
      } catch (error: unknown) {
        return problemFor(error, request, instance);
      }
    };
    if (route.method === 'GET') {
      return http.get(urlPattern(route.path), async (input) =>
        withRequestId(await answer(input), crypto.randomUUID()),
      );
    }
    // Every change is recorded, as the BFF's audit trail does, once its answer is known, under
    // the request id its answer carries.
    return http[method](urlPattern(route.path), async ({ request, params }) => {
      const signedIn = session.admin;
      const copy = request.clone();
      const requestId = crypto.randomUUID();
      const response = await withRequestId(await answer({ request, params }), requestId);
      await audit.record({
        action: name as AuditAction,
        signedIn,
        request: copy,
        params: paramsOf(route.path, params) as Record<string, string | undefined>,
        response,
        requestId,
      });
      return response;
    });
  });
  const stream = eventStreamHandler(engine, orgId);
  return stream ? [stream, ...handlers] : handlers;
}

function problemFor(error: unknown, request: Request, instance: string): HttpResponse<Problem> {
  const known = problemForError(error, request.method);
  if (known) return problemResponse(known.status, known.code, known.detail, known.errors, instance);
  console.warn(`[msw] ${request.method} ${instance} failed`, error);
  return problemResponse(500, 'internal_error', undefined, undefined, instance);
}
