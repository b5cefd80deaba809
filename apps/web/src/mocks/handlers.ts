import {
  buildOpenApiDocument,
  ClusterIdParams,
  PROBLEM_CONTENT_TYPE,
  problemType,
  routes,
  UserIdParams,
  UserListQuery,
  type FieldError,
  type Problem,
  type ProblemCode,
  type RouteName,
} from '@hybrid-hub/contract';
import { NotFoundError, ValidationError, type Engine } from '@hybrid-hub/engine';
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { z } from 'zod';

/**
 * msw handlers for every route of the contract's table, answered by the real engine over an
 * in-memory store. They behave like the BFF: inputs parsed with the contract's schemas, outputs
 * checked against them, engine errors mapped to problem+json (NotFound → 404, validation → 400
 * with the fields at fault).
 */

export interface MockApiOptions {
  engine: Engine;
  /** The signed-in administrator's organization (the BFF takes it from the session). */
  orgId?: string;
}

const TITLES: Record<ProblemCode, string> = {
  validation_failed: 'Your request is not valid',
  not_found: 'Not found',
  conflict: 'Conflict',
  unauthorized: 'Sign in required',
  forbidden: 'Not allowed',
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

/** Thrown by a resolver for input the contract rejects. */
class InvalidRequest extends Error {
  constructor(readonly errors: FieldError[]) {
    super('invalid request');
  }
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

type Resolver = (input: { request: Request; params: Record<string, unknown> }) => Promise<unknown>;

/** Matches the route on any origin: jsdom and the browser worker see absolute URLs. */
function urlPattern(path: string): string {
  return `*${path}`;
}

export function createHandlers({ engine, orgId = 'acme' }: MockApiOptions): HttpHandler[] {
  const startedAt = Date.now();
  // A Record over RouteName: a route added to the contract does not compile here until answered.
  const resolvers: Record<RouteName, Resolver> = {
    health: async () => ({
      status: 'ok',
      version: 'mock',
      uptimeSeconds: (Date.now() - startedAt) / 1000,
    }),
    getOpenApi: async () => buildOpenApiDocument('mock'),
    getOrganization: () => engine.getOrganization(orgId),
    listUsers: ({ request }) =>
      engine.listUsers(orgId, parse(UserListQuery, queryOf(request), 'query')),
    getUser: ({ params }) => engine.getUser(orgId, parse(UserIdParams, params, 'params').id),
    listClusters: () => engine.listClusters(orgId),
    getCluster: ({ params }) =>
      engine.getCluster(orgId, parse(ClusterIdParams, params, 'params').id),
  };

  return (Object.keys(resolvers) as RouteName[]).map((name) => {
    const route = routes[name];
    const method = route.method.toLowerCase() as 'get';
    return http[method](urlPattern(route.path), async ({ request, params }) => {
      const instance = new URL(request.url).pathname;
      try {
        const result = await resolvers[name]({ request, params: paramsOf(route.path, params) });
        // Like the BFF, never answer something the contract does not describe.
        return HttpResponse.json(route.response.parse(result) as object);
      } catch (error: unknown) {
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
        if (error instanceof NotFoundError)
          return problemResponse(404, 'not_found', error.message, undefined, instance);
        console.warn(`[msw] ${request.method} ${instance} failed`, error);
        return problemResponse(500, 'internal_error', undefined, undefined, instance);
      }
    });
  });
}
