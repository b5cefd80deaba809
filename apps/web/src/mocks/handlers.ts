import {
  AUDIT_EXPORT_COLUMNS,
  auditExportCells,
  buildOpenApiDocument,
  CSRF_HEADER,
  mayCall,
  PROBLEM_CONTENT_TYPE,
  refusalReason,
  problemType,
  REQUEST_ID_HEADER,
  routes,
  type AuditAction,
  type FieldError,
  type Problem,
  type ProblemCode,
  type RouteName,
  type RouteSpec,
} from '@hybrid-hub/contract';
import {
  ConflictError,
  NotFoundError,
  StaleRevisionError,
  ValidationError,
  type Actor,
  type Engine,
} from '@hybrid-hub/engine';
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { z } from 'zod';
import { csvText } from './csv-text.ts';
import { eventStreamHandler } from './event-stream.ts';
import { MockAuditLog } from './mock-audit.ts';
import { defaultAdmin, MOCK_CSRF_TOKEN, MockSession } from './mock-session.ts';
import { usersCsv } from './users-csv.ts';

/**
 * msw handlers for every route of the contract's table, answered by the real engine over an
 * in-memory store. They behave like the BFF: inputs parsed with the contract's schemas, outputs
 * checked against them, engine errors mapped to problem+json (NotFound → 404, validation → 400
 * with the fields at fault).
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

const TITLES: Record<ProblemCode, string> = {
  validation_failed: 'Your request is not valid',
  not_found: 'Not found',
  conflict: 'Conflict',
  last_available_node: 'Last available node',
  precondition_failed: 'Changed since',
  precondition_required: 'Revision required',
  unauthorized: 'Sign in required',
  forbidden: 'Not allowed',
  csrf_failed: 'Request not verified',
  idempotency_key_reused: 'Idempotency key already used',
  rate_limited: 'Too many requests',
  payload_too_large: 'Payload too large',
  internal_error: 'Something went wrong on our side',
};

export function problemResponse(
  status: number,
  code: ProblemCode,
  detail?: string,
  errors?: FieldError[],
  instance?: string,
): HttpResponse<Problem> {
  const problem: Problem = {
    type: problemType(code),
    title: TITLES[code],
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(instance ? { instance } : {}),
    ...(errors ? { errors } : {}),
  };
  return HttpResponse.json(problem, { status, headers: { 'content-type': PROBLEM_CONTENT_TYPE } });
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

/** Thrown by a resolver for input the contract rejects. */
class InvalidRequest extends Error {
  constructor(readonly errors: FieldError[]) {
    super('invalid request');
  }
}

/** A guarded write (`ifMatch` in the route table) that did not say which revision it is from. */
class MissingIfMatch extends Error {
  constructor() {
    super('If-Match required');
  }
}

/**
 * The revision named by `If-Match: "<revision>"` (a weak `W/"…"` too), as the BFF reads it: 428
 * without the header, 400 when it names no revision.
 */
function ifMatchOf(request: Request): number {
  const header = request.headers.get('if-match');
  if (header === null || header.trim() === '') throw new MissingIfMatch();
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  if (!match) {
    throw new InvalidRequest([
      { field: 'headers.if-match', message: 'must be the quoted revision, like "12"' },
    ]);
  }
  return Number(match[1]);
}

function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'query' | 'params' | 'body',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidRequest(
    result.error.issues.map((issue) => ({
      field: [where, ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  );
}

function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** The route's own `:name` parameters (msw also reports the leading `*` wildcard as `0`). */
function paramsOf(
  path: string,
  params: Record<string, string | readonly string[] | undefined>,
): Record<string, unknown> {
  const names = Array.from(path.matchAll(/:([A-Za-z]+)/g), (m) => m[1]!);
  return Object.fromEntries(names.map((name) => [name, params[name]]));
}

async function bodyOf(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidRequest([{ field: 'body', message: 'must be valid JSON' }]);
  }
}

type RouteOf<N extends RouteName> = (typeof routes)[N];
type Parsed<N extends RouteName, K extends 'params' | 'query' | 'body'> =
  RouteOf<N> extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined;

/** What a resolver gets: inputs already parsed by the route's schemas, as the BFF's handle(). */
interface ResolverInput<N extends RouteName> {
  request: Request;
  params: Parsed<N, 'params'>;
  query: Parsed<N, 'query'>;
  body: Parsed<N, 'body'>;
  /** The `If-Match` revision, for the routes the contract guards with it. */
  ifMatch: RouteOf<N> extends { ifMatch: true } ? number : undefined;
}

/** The answer's JSON value, or a whole Response for the routes that are not JSON (CSV). */
type Resolvers = { [N in RouteName]: (input: ResolverInput<N>) => Promise<unknown> };

interface MswInput {
  request: Request;
  params: Record<string, string | readonly string[] | undefined>;
}

/** Matches the route on any origin: jsdom and the browser worker see absolute URLs. */
function urlPattern(path: string): string {
  return `*${path}`;
}

/** Answers other than 200, as the BFF sends them. */
const STATUS: Partial<Record<RouteName, number>> = { startBulkJob: 202 };

/** The Lab's deployment commands, as the BFF maps them onto the engine. */
function labDeploymentResolvers(engine: Engine, by: Actor) {
  return {
    getLabDeployment: () => engine.getLabDeployment(by.orgId),
    updateLabNode: ({ params, body }: ResolverInput<'updateLabNode'>) =>
      engine.updateLabNode(by, params.id, body),
    updateLabImpNode: ({ params, body }: ResolverInput<'updateLabImpNode'>) =>
      engine.updateLabImpNode(by, params.id, body),
    fallBackLabImpNode: ({ params }: ResolverInput<'fallBackLabImpNode'>) =>
      engine.fallBackImpNode(by, params.id),
    removeLabImpNode: ({ params }: ResolverInput<'removeLabImpNode'>) =>
      engine.removeLabImpNode(by, params.id),
    addLabImpNode: ({ params, body }: ResolverInput<'addLabImpNode'>) =>
      engine.addLabImpNode(by, params.id, body),
    updateLabPresenceGroup: ({ params, body }: ResolverInput<'updateLabPresenceGroup'>) =>
      engine.updateLabPresenceGroup(by, params.id, body),
    advanceLabClock: ({ body }: ResolverInput<'advanceLabClock'>) =>
      engine.advanceClock(by, body.minutes),
  } satisfies Partial<Resolvers>;
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
  // A Record over RouteName: a route added to the contract does not compile here until answered.
  const resolvers: Resolvers = {
    health: async () => ({
      status: 'ok',
      version: 'mock',
      uptimeSeconds: (Date.now() - startedAt) / 1000,
    }),
    getOpenApi: async () => buildOpenApiDocument('mock'),
    signIn: async ({ body }) => {
      if (!session.signIn(body.email, body.password)) {
        return problemResponse(401, 'unauthorized', 'The email or password is not right.');
      }
      return HttpResponse.json(await sessionBody(), { status: 201 });
    },
    getSession: () => sessionBody(),
    signOut: async () => {
      session.signInAs(undefined);
      return new HttpResponse(null, { status: 204 });
    },
    getOrganization: () => engine.getOrganization(orgId),
    listUsers: ({ query }) => engine.listUsers(orgId, query),
    getUserStatusCounts: () => engine.getUserStatusCounts(orgId),
    exportUsersCsv: async ({ query }) =>
      new HttpResponse(await usersCsv(engine.exportUsers(orgId, query)), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="users-${query.status?.toLowerCase().replace(/\s+/g, '-') ?? 'all'}.csv"`,
        },
      }),
    startBulkJob: ({ body }) => engine.startBulkJob(by, body),
    getUser: ({ params }) => engine.getUser(orgId, params.id),
    setMessageService: ({ params, body }) => engine.setMessageService(by, params.id, body.enabled),
    reactivateUser: ({ params }) => engine.reactivateUser(by, params.id),
    getUserHistory: ({ params, query }) => engine.getUserHistory(orgId, params.id, query),
    getUserDiagnostics: ({ params }) => engine.runDiagnostics(orgId, params.id),
    getJob: ({ params }) => engine.getJob(orgId, params.id),
    getJobFailures: ({ params, query }) => engine.getJobFailures(orgId, params.id, query),
    // A plain request (not an EventSource) gets no stream: 204 tells a client not to retry.
    // EventSources are answered by eventStreamHandler, registered before this one.
    events: async () => new HttpResponse(null, { status: 204 }),
    getLabStatus: async () => ({ enabled: labEnabled }),
    getLabUser: ({ params }) => engine.getLabUser(orgId, params.id),
    updateLabUser: ({ params, body }) => engine.updateLabUser(by, params.id, body),
    listClusters: () => engine.listClusters(orgId),
    getCluster: ({ params }) => engine.getCluster(orgId, params.id),
    getUserActivity: () => engine.getUserActivity(orgId),
    getMaintenancePreview: ({ params }) => engine.previewMaintenance(orgId, params.id),
    setMaintenance: ({ params, body, ifMatch }) =>
      engine.setMaintenance(by, params.id, body, ifMatch),
    restartMessageConnector: ({ params }) => engine.restartMessageConnector(by, params.id),
    listAlarms: ({ query }) => engine.listAlarms(orgId, query),
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
    ...labDeploymentResolvers(engine, by),
  };

  // msw answers with the first handler that matches: `/users/activity` must come before
  // `/users/:id`, or it is read as the user "activity" (404). Literal paths first, as in Express
  // when its routes are registered in that order.
  const names = (Object.keys(resolvers) as RouteName[]).sort(
    (a, b) => Number(routes[a].path.includes(':')) - Number(routes[b].path.includes(':')),
  );
  const handlers = names.map((name) => {
    const route: RouteSpec = routes[name];
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    const answer = async ({ request, params }: MswInput): Promise<Response> => {
      const instance = new URL(request.url).pathname;
      // A Lab route while the Lab is off does not exist, as in the BFF.
      if (route.lab && !labEnabled) {
        return problemResponse(404, 'not_found', undefined, undefined, instance);
      }
      // Access as the BFF enforces it: a session (401), a role the route allows (403), and the
      // CSRF token on every state-changing request of a session.
      const admin = session.admin;
      if (admin && route.method !== 'GET' && name !== 'signIn') {
        if (request.headers.get(CSRF_HEADER) !== MOCK_CSRF_TOKEN) {
          return problemResponse(403, 'csrf_failed', 'Send X-CSRF-Token.', undefined, instance);
        }
      }
      if (route.access !== 'public') {
        if (!admin)
          return problemResponse(401, 'unauthorized', 'Sign in first.', undefined, instance);
        if (!mayCall(route.access, admin.role)) {
          return problemResponse(403, 'forbidden', refusalReason(admin.role), undefined, instance);
        }
      }
      if (admin) {
        orgId = admin.orgId;
        by.orgId = admin.orgId;
        by.actor = admin.email;
      }
      try {
        const input = {
          request,
          params: route.params && parse(route.params, paramsOf(route.path, params), 'params'),
          query: route.query && parse(route.query, queryOf(request), 'query'),
          body: route.body && parse(route.body, await bodyOf(request), 'body'),
          ifMatch: route.ifMatch && ifMatchOf(request),
        };
        const resolve = resolvers[name] as (input: unknown) => Promise<unknown>;
        const result = await resolve(input);
        if (result instanceof Response) return result;
        // Like the BFF, never answer something the contract does not describe.
        return HttpResponse.json(route.response.parse(result) as object, {
          status: STATUS[name] ?? 200,
        });
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
  if (error instanceof InvalidRequest) {
    return problemResponse(
      400,
      'validation_failed',
      'Some fields are not valid.',
      error.errors,
      instance,
    );
  }
  if (error instanceof ValidationError) {
    return problemResponse(
      400,
      'validation_failed',
      error.message,
      [{ field: `query.${error.field}`, message: error.message }],
      instance,
    );
  }
  if (error instanceof NotFoundError) {
    return problemResponse(404, 'not_found', error.message, undefined, instance);
  }
  if (error instanceof MissingIfMatch) {
    return problemResponse(
      428,
      'precondition_required',
      'Say which revision of the node you decided on: send If-Match with its revision.',
      undefined,
      instance,
    );
  }
  if (error instanceof StaleRevisionError) {
    return problemResponse(412, 'precondition_failed', error.message, undefined, instance);
  }
  if (error instanceof ConflictError) {
    // `last_available_node`: the client may repeat the request with force.
    return problemResponse(409, error.reason, error.message, undefined, instance);
  }
  console.warn(`[msw] ${request.method} ${instance} failed`, error);
  return problemResponse(500, 'internal_error', undefined, undefined, instance);
}
