import { z } from 'zod';
import { IdempotencyKey } from './jobs.ts';
import {
  CSRF_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  REQUEST_ID_HEADER,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
} from './headers.ts';
import { Problem } from './problem.ts';
import { RequestId } from './request-id.ts';
import { ROUTE_DESCRIPTIONS } from './route-descriptions.ts';
import type { RouteName } from './route-table.ts';
import { ADMIN_ROLE_LABELS } from './roles.ts';
import { routes, type RouteSpec } from './routes.ts';

type JsonSchema = Record<string, unknown>;

/**
 * A record keyed by an enum (`z.record(UserStatus, …)`) comes out as `propertyNames` and
 * `required` alone: valid, but linters and client generators then see required keys that no
 * property defines. Spell each key out as a property.
 */
function spellOutEnumKeys({ jsonSchema }: { jsonSchema: JsonSchema }) {
  const keys = (jsonSchema.propertyNames as JsonSchema | undefined)?.enum;
  const value = jsonSchema.additionalProperties;
  if (jsonSchema.properties || !Array.isArray(keys) || typeof value !== 'object') return;
  jsonSchema.properties = Object.fromEntries(keys.map((key) => [String(key), value]));
}

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  return z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: spellOutEnumKeys,
  }) as JsonSchema;
}

/** `/users/:id` → `/users/{id}` */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input');
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
  schema: jsonSchemaOf(IdempotencyKey),
};

/** A client's own name for the request (every route). */
const REQUEST_ID = {
  name: REQUEST_ID_HEADER,
  in: 'header',
  required: false,
  description:
    "The client's or proxy's own name for the request, kept beside the request's id in the BFF's log (clientRequestId) and in the audit entry of a change (clientRequestId) when it matches the pattern, ignored otherwise. It never becomes the request's id: the BFF makes that (a UUID) and answers it in X-Request-Id.",
  schema: jsonSchemaOf(RequestId),
};

/** Every answer, errors included, says which request it answers. */
const ANSWER_HEADERS = {
  [REQUEST_ID_HEADER]: {
    description:
      "The request's id, a new UUID the BFF made for it (never the one the client sent). A problem carries it as requestId too, and the audit entry of a change as requestId.",
    schema: { type: 'string' },
  },
};

/**
 * How a client proves its session (the BFF's auth/session-cookie.ts and access-control.ts): the
 * cookie signing in sets, under its plain name over HTTP and its `__Host-` name over HTTPS, and
 * on a change the session's CSRF token.
 */
const SECURITY_SCHEMES = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The session over plain HTTP, set by signing in (HttpOnly, SameSite=Strict). It ends when idle too long or too old (the idleTimeoutSeconds and expiresAt of the session), and with signing out.',
  },
  secureSessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SECURE_SESSION_COOKIE,
    description: `The session over HTTPS (a proxy that sets X-Forwarded-Proto, or HUB_COOKIE_SECURE=true): the same cookie with the __Host- prefix, Secure. There, a plain ${SESSION_COOKIE} names no session.`,
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description: `The session's csrfToken (from signing in or GET /api/v1/session), sent on every POST, PUT and DELETE of a session: 403 csrf_failed without it.`,
  },
} as const;

type SchemeName = keyof typeof SECURITY_SCHEMES;
const SESSION_SCHEMES: SchemeName[] = ['sessionCookie', 'secureSessionCookie'];

/** The credentials a route asks for, as the BFF's access control checks them. */
function securityOf(name: RouteName, route: RouteSpec) {
  // Signing in is the one change without a token to echo: the session does not exist yet.
  const echoesToken = route.method !== 'GET' && name !== 'signIn';
  const session = SESSION_SCHEMES.map((cookie) =>
    echoesToken ? { [cookie]: [], csrfToken: [] } : { [cookie]: [] },
  );
  if (route.access !== 'public') return session;
  // A public change (signing out) goes through without a session; one that is sent must echo it.
  return echoesToken ? [{}, ...session] : [];
}

/** Who may call a route, in the console's words. */
function accessSentence(route: RouteSpec): string {
  if (route.access === 'public') return 'No sign-in needed.';
  return `Who may call it: ${route.access.map((role) => ADMIN_ROLE_LABELS[role]).join(', ')}.`;
}

/** Seconds until a refused client may try again: RFC 9110 §10.2.3 (delay-seconds). */
const RETRY_AFTER = {
  description: 'Seconds until the limit lets this client through again.',
  schema: { type: 'integer', minimum: 1 },
};

/**
 * The 429 of the API's rate limits, which count every request but the liveness probe's (the
 * BFF's middleware/rate-limit.ts), and of the CSV downloads' own cap (routes/csv-downloads.ts).
 */
function tooManyOf(name: RouteName, route: RouteSpec, problem: object) {
  if (name === 'health') return {};
  const downloads =
    route.produces === 'text/csv'
      ? ', or this session or organization has as many CSV downloads under way as it may (HUB_CSV_DOWNLOADS_PER_SESSION, _PER_ORG)'
      : '';
  return {
    '429': {
      ...problem,
      description: `rate_limited: too many requests from this session (or this address, without one) this minute${downloads}. Try again after Retry-After.`,
      headers: { ...ANSWER_HEADERS, 'Retry-After': RETRY_AFTER },
    },
  };
}

function operationOf(name: RouteName, route: RouteSpec) {
  const problem = {
    description: 'Problem details (RFC 9457)',
    headers: ANSWER_HEADERS,
    content: { 'application/problem+json': { schema: jsonSchemaOf(Problem) } },
  };
  const signedIn = route.access !== 'public';
  const { summary, description } = ROUTE_DESCRIPTIONS[name];
  return {
    operationId: name,
    summary,
    description: [
      description,
      accessSentence(route),
      ...(route.lab ? ['Only when the Lab is enabled (HUB_LAB); 404 otherwise.'] : []),
    ].join(' '),
    security: securityOf(name, route),
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
              'application/json': { schema: jsonSchemaOf(route.body, 'input') },
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
            schema: jsonSchemaOf(route.response),
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
      ...tooManyOf(name, route, problem),
      '503': {
        ...problem,
        description:
          'service_unavailable: the database cannot be reached right now (with several replicas, another may answer). Try again after Retry-After.',
        headers: { ...ANSWER_HEADERS, 'Retry-After': RETRY_AFTER },
      },
      default: problem,
    },
  };
}

/** The OpenAPI 3.1 document of the route table: what scripts may rely on. */
export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(routes) as [RouteName, RouteSpec][]) {
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
        "Backend-for-frontend of the Hybrid Hub console. JSON over HTTPS; errors are application/problem+json. Sign in first (POST /api/v1/session): the session cookie then goes with every request, and every change also carries the session's X-CSRF-Token.",
    },
    // Relative: the document is served by the BFF it describes, at whatever origin that is.
    servers: [{ url: '/', description: 'The BFF serving this document' }],
    paths,
    components: { securitySchemes: SECURITY_SCHEMES },
  };
}
