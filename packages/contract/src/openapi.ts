import { z } from 'zod';
import { IdempotencyKey } from './jobs.ts';
import { IDEMPOTENCY_KEY_HEADER, REQUEST_ID_HEADER } from './headers.ts';
import { Problem } from './problem.ts';
import { RequestId } from './request-id.ts';
import { routes, type RouteSpec } from './routes.ts';

type JsonSchema = Record<string, unknown>;

/** `/users/:id` → `/users/{id}` */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

/** The lost-update guard of routes marked `ifMatch` (RFC 9110 §13.1.1). */
const IF_MATCH = {
  name: 'If-Match',
  in: 'header',
  required: true,
  description:
    'The revision the request was decided on, as the ETag header gave it ("3"): 412 when the target has changed since, 428 without it.',
  schema: { type: 'string', pattern: '^"\\d+"$' },
};

/** The retry guard of routes marked `idempotencyKey`. */
const IDEMPOTENCY_KEY = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header',
  required: false,
  description:
    'Names this action: repeated with the same key and body within 24 hours, the request answers what the first one did (200) instead of doing it again; the same key with another body is refused (422).',
  schema: z.toJSONSchema(IdempotencyKey),
};

/** A client's own name for the request (every route). */
const REQUEST_ID = {
  name: REQUEST_ID_HEADER,
  in: 'header',
  required: false,
  description:
    "The client's or proxy's own name for the request, kept beside the request's id in the BFF's log (clientRequestId) and in the audit entry of a change (clientRequestId) when it matches the pattern, ignored otherwise. It never becomes the request's id: the BFF makes that (a UUID) and answers it in X-Request-Id.",
  schema: z.toJSONSchema(RequestId),
};

/** Every answer, errors included, says which request it answers. */
const ANSWER_HEADERS = {
  [REQUEST_ID_HEADER]: {
    description:
      "The request's id, a new UUID the BFF made for it (never the one the client sent). A problem carries it as requestId too, and the audit entry of a change as requestId.",
    schema: { type: 'string' },
  },
};

function operationOf(name: string, route: RouteSpec) {
  const problem = {
    description: 'Problem details (RFC 9457)',
    headers: ANSWER_HEADERS,
    content: { 'application/problem+json': { schema: z.toJSONSchema(Problem) } },
  };
  const signedIn = route.access !== 'public';
  return {
    operationId: name,
    // Which roles may call it; 401 without a session, 403 for the others.
    'x-roles': route.access,
    parameters: [
      ...parametersOf(route.params, 'path'),
      ...parametersOf(route.query, 'query'),
      ...(route.ifMatch ? [IF_MATCH] : []),
      ...(route.idempotencyKey ? [IDEMPOTENCY_KEY] : []),
      REQUEST_ID,
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: z.toJSONSchema(route.body, { io: 'input' }) },
            },
          },
        }
      : {}),
    responses: {
      '200': {
        description:
          route.produces === 'text/event-stream'
            ? 'Server-sent events; each data line is one of the schema below'
            : 'OK',
        headers: ANSWER_HEADERS,
        content: {
          [route.produces === 'text/csv' ? 'text/csv' : (route.produces ?? 'application/json')]: {
            schema: z.toJSONSchema(route.response, { unrepresentable: 'any' }),
          },
        },
      },
      '400': problem,
      ...(signedIn
        ? {
            '401': { ...problem, description: 'Not signed in, or the session has ended' },
            '403': {
              ...problem,
              description:
                'The role may not call this route, or a state-changing request lacks X-CSRF-Token',
            },
          }
        : {}),
      '404': problem,
      ...(route.ifMatch
        ? {
            '409': problem,
            '412': { ...problem, description: 'The target has changed since (If-Match is stale)' },
            '428': { ...problem, description: 'If-Match is missing' },
          }
        : {}),
      ...(route.idempotencyKey
        ? { '422': { ...problem, description: 'The Idempotency-Key was used for another request' } }
        : {}),
      default: problem,
    },
  };
}

/** The OpenAPI 3.1 document of the route table: what scripts may rely on. */
export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(routes) as [string, RouteSpec][]) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationOf(name, route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hybrid Hub API',
      version,
      description:
        'Backend-for-frontend of the Hybrid Hub console. JSON over HTTPS; errors are application/problem+json.',
    },
    paths,
  };
}
