import {
  CSRF_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  type RouteName,
  type RouteSpec,
} from '@hybrid-hub/contract';
import fc from 'fast-check';
import { z } from 'zod';
import { idKind, routeTable, SAMPLE_BODIES, type OrgIds } from './route-samples.ts';

/**
 * Random and malformed API requests for the fuzz test: every route of the table, with path ids,
 * query strings, bodies and headers drawn from what a careless or hostile client could send.
 * Each request says which kind of input it carries, so the test can count what it tried.
 */

export interface FuzzRequest {
  route: RouteName | 'unknown route';
  method: string;
  /** Path and query string, as sent (possibly malformed percent-encoding). */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** What was unusual about it, for the counts. */
  kinds: string[];
}

/** Strings a client should never be able to hurt the server with. */
const NASTY = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '..',
  '../../etc/passwd',
  '%',
  '%00',
  '\u0000',
  '\ud800',
  '\u202e',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '0x10',
  'true',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '*',
  '%2e%2e%2f',
  'acme-u000001',
  'globex-u000001',
  // Spreadsheet formulas, alone and after line breaks: what a CSV export must keep harmless.
  "=cmd|'/C calc'!A0",
  '+1',
  '@SUM(A1)',
  '\t=1',
  '\n=2*21',
  'x\r=1+1',
  'x\r\n-1',
  '\r\n@A1,"b"',
];

/** Line breaks of every kind, quotes, commas and formula starts, mixed with text. */
const csvHostile = fc
  .array(fc.constantFrom('\n', '\r', '\r\n', '=', '+', '-', '@', '\t', '"', ',', 'x', ' '), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: csvHostile },
  // Long enough to pass every max() in the contract, short enough for a URL.
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 6000 }).map((n) => 'x'.repeat(n)) },
);

/**
 * Percent-encodes any string, a lone surrogate too (encodeURIComponent throws on one): it goes
 * out as the bytes of an encoded surrogate, which is not valid UTF-8.
 */
function encode(text: string): string {
  return Array.from(text, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '%ED%A0%80';
    }
  }).join('');
}

/** Percent-encoding that does not decode. */
const malformedEncoding = fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%ff%fe', 'a%2', '%%');

/** JSON text with keys that would pollute a prototype if a parser or merge honoured them. */
function withPollutingKey(json: string, key: string): string {
  const payload = '{"polluted":"yes","isAdmin":true}';
  if (json.startsWith('{') && json !== '{}') return `{"${key}":${payload},${json.slice(1)}`;
  return `{"${key}":${payload}}`;
}

const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => {
    const close = open === '[' ? ']' : '}';
    return open.repeat(depth) + '1' + close.repeat(depth);
  });

/** The same JSON with every string in it (at any depth) replaced by `text`. */
function withText(value: unknown, text: string): unknown {
  if (typeof value === 'string') return text;
  if (Array.isArray(value)) return value.map((item) => withText(item, text));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, withText(inner, text)]),
  );
}

/** A valid body, changed in one place: a field replaced, added, dropped, or the shape wrapped. */
function mutated(sample: unknown): fc.Arbitrary<{ value: unknown; kind: string }> {
  const fields = sample && typeof sample === 'object' ? Object.keys(sample) : [];
  const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), nastyString);
  const options: fc.Arbitrary<{ value: unknown; kind: string }>[] = [
    fc.constant({ value: sample, kind: 'valid body' }),
    fc.tuple(nastyString, anyValue).map(([key, value]) => ({
      value: { ...(sample as object), [key]: value },
      kind: 'unknown field',
    })),
    fc.constant({ value: [sample], kind: 'array instead of object' }),
    fc.constant({ value: null, kind: 'null body' }),
  ];
  if (JSON.stringify(withText(sample, '')) !== JSON.stringify(sample)) {
    options.push(
      nastyString.map((text) => ({
        value: withText(sample, text),
        kind: 'text in every string field',
      })),
    );
  }
  if (fields.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...fields), anyValue).map(([field, value]) => ({
        value: { ...(sample as object), [field]: value },
        kind: 'wrong type or value',
      })),
      fc.constantFrom(...fields).map((field) => {
        const copy = { ...(sample as Record<string, unknown>) };
        delete copy[field];
        return { value: copy, kind: 'missing field' };
      }),
    );
  }
  return fc.oneof(...options);
}

interface BodyChoice {
  text?: string;
  contentType?: string;
  kind: string;
}

/** Text fields the samples leave out, so that hostile text reaches them too. */
const TEXT_FIELDS: Partial<Record<RouteName, (text: string) => unknown>> = {
  updateLabUser: (mailid) => ({ directory: { mailid } }),
};

function bodyFor(name: RouteName, spec: RouteSpec, org: OrgIds): fc.Arbitrary<BodyChoice> {
  const sample = SAMPLE_BODIES[name]?.(org);
  const json = (value: unknown, kind: string): BodyChoice => ({
    text: JSON.stringify(value) ?? 'null',
    contentType: 'application/json',
    kind,
  });
  const hostile: fc.Arbitrary<BodyChoice>[] = [
    fc.jsonValue({ maxDepth: 4 }).map((value) => json(value, 'random JSON')),
    fc
      .tuple(
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        fc.constant(JSON.stringify(sample ?? {})),
      )
      .map(([key, text]) => ({
        text: withPollutingKey(text, key),
        contentType: 'application/json',
        kind: 'prototype-pollution key',
      })),
    deepNesting.map((text) => ({ text, contentType: 'application/json', kind: 'deep nesting' })),
    fc
      .constantFrom(
        '{"enabled": tru',
        '{',
        '[1,]',
        "{'a':1}",
        'undefined',
        '\u0000',
        '{"a":1}{"b":2}',
      )
      .map((text) => ({ text, contentType: 'application/json', kind: 'invalid JSON text' })),
    fc
      .tuple(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json; charset=utf-16',
          'application/jsonx',
        ),
        fc.constant(JSON.stringify(sample ?? { a: 1 })),
      )
      .map(([contentType, text]) => ({ text, contentType, kind: 'wrong content type' })),
    fc
      .integer({ min: 100_001, max: 300_000 })
      .map((n) => json({ pad: 'x'.repeat(n) }, 'body over the size limit')),
    fc.integer({ min: 1000, max: 20_000 }).map((n) =>
      json(
        Array.from({ length: n }, (_, i) => i),
        'huge array',
      ),
    ),
  ];
  // fetch sends no body with a GET.
  if (spec.method === 'GET') return fc.constant({ kind: 'no body' });
  if (!spec.body) {
    // A body where none belongs is ignored or refused, never harmful.
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant({ kind: 'no body' }) },
      { weight: 1, arbitrary: fc.oneof(...hostile) },
    );
  }
  const textField = TEXT_FIELDS[name];
  const valid = mutated(sample).map(({ value, kind }) => json(value, kind));
  return fc.oneof(
    {
      weight: 3,
      arbitrary: textField
        ? fc.oneof(
            valid,
            nastyString.map((text) => json(textField(text), 'text in every string field')),
          )
        : valid,
    },
    { weight: 4, arbitrary: fc.oneof(...hostile) },
    { weight: 1, arbitrary: fc.constant({ kind: 'no body' }) },
  );
}

/** The query parameter names a route knows, from its schema. */
function queryKeysOf(spec: RouteSpec): string[] {
  if (!spec.query) return [];
  const json = z.toJSONSchema(spec.query, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(json.properties ?? {});
}

function queryFor(spec: RouteSpec): fc.Arbitrary<{ query: string; kind: string }> {
  const known = queryKeysOf(spec);
  const key = known.length > 0 ? fc.oneof(fc.constantFrom(...known), nastyString) : nastyString;
  const pair = fc
    .tuple(key, fc.oneof(nastyString, fc.integer().map(String)))
    .map(([k, v]) => `${encode(k)}=${encode(v)}`);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant({ query: '', kind: 'no query' }) },
    {
      weight: 4,
      arbitrary: fc
        .array(pair, { minLength: 1, maxLength: 5 })
        .map((pairs) => ({ query: `?${pairs.join('&')}`, kind: 'random query' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(key, fc.array(nastyString, { minLength: 2, maxLength: 4 }))
        .map(([k, values]) => ({
          query: `?${values.map((v) => `${encode(k)}=${encode(v)}`).join('&')}`,
          kind: 'repeated query key',
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom('a[b]', '__proto__[x]', 'constructor[prototype][x]', 'q[]'),
          nastyString,
        )
        .map(([k, v]) => ({ query: `?${k}=${encode(v)}`, kind: 'nested query key' })),
    },
    {
      weight: 1,
      arbitrary: malformedEncoding.map((bad) => ({
        query: `?q=${bad}&page=${bad}`,
        kind: 'malformed query encoding',
      })),
    },
  );
}

function pathIdFor(
  kind: keyof OrgIds,
  own: OrgIds,
  other: OrgIds,
): fc.Arbitrary<{ id: string; raw?: string; kind: string }> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant({ id: own[kind], kind: 'own id' }) },
    { weight: 1, arbitrary: fc.constant({ id: other[kind], kind: "another organization's id" }) },
    { weight: 4, arbitrary: nastyString.map((id) => ({ id, kind: 'random id' })) },
    {
      weight: 1,
      arbitrary: malformedEncoding.map((raw) => ({ id: '', raw, kind: 'malformed id encoding' })),
    },
  );
}

const cut = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length)}… (${text.length} characters)` : text;

/** The request in one line (method, URL, what is odd, the start of its body). */
export function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? '' : ` body ${cut(request.body, 160)}`;
  return `${request.method} ${cut(request.url, 160)} (${request.kinds.join(', ')})${body}`;
}

/** fast-check prints a failing request in one line instead of its whole structure. */
function withDescription(request: FuzzRequest): FuzzRequest {
  return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
}

export interface FuzzPrincipal {
  label: string;
  /** The session's cookie and CSRF token (none for an anonymous client). */
  headers: Record<string, string>;
  signedIn: boolean;
  /** Ids of the principal's organization, and of the other one. */
  own: OrgIds;
  other: OrgIds;
}

/** Signing in or out as a signed-in principal would end the session the rest depends on. */
const SESSION_ROUTES = new Set<RouteName>(['signIn', 'signOut']);

function routeRequest(principal: FuzzPrincipal): fc.Arbitrary<FuzzRequest> {
  const table = routeTable.filter(([name]) => !principal.signedIn || !SESSION_ROUTES.has(name));
  return fc.constantFrom(...table).chain(([name, spec]) => {
    const kind = idKind(spec);
    return fc
      .record({
        id: kind ? pathIdFor(kind, principal.own, principal.other) : fc.constant(undefined),
        query: queryFor(spec),
        body: bodyFor(name, spec, principal.own),
        // One in ten without the CSRF token: most requests should reach validation.
        dropCsrf: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        ifMatch: fc.oneof(
          fc.constant(undefined),
          fc.constantFrom('"1"', '"999999"', '*', 'W/"1"', '1', 'junk', '"' + '9'.repeat(20) + '"'),
        ),
        idempotencyKey: fc.oneof(
          fc.constant(undefined),
          nastyString.filter((s) => !/[\r\n\0]/.test(s) && !/[^\x20-\x7e]/.test(s)),
        ),
        lastEventId: fc.oneof(
          fc.constant(undefined),
          fc.constantFrom('0', '-1', '99999999999999999999', 'abc', '1.5'),
        ),
      })
      .map(({ id, query, body, dropCsrf, ifMatch, idempotencyKey, lastEventId }) => {
        const kinds = [query.kind, body.kind];
        let path = spec.path;
        if (id) {
          path = spec.path.replace(':id', id.raw ?? encode(id.id));
          kinds.push(id.kind);
        }
        const headers: Record<string, string> = { ...principal.headers };
        if (dropCsrf && headers[CSRF_HEADER]) {
          delete headers[CSRF_HEADER];
          kinds.push('no CSRF token');
        }
        if (body.contentType) headers['content-type'] = body.contentType;
        if (spec.ifMatch && ifMatch !== undefined) headers['if-match'] = ifMatch;
        if (spec.idempotencyKey && idempotencyKey !== undefined) {
          headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
          kinds.push('random Idempotency-Key');
        }
        if (spec.produces === 'text/event-stream' && lastEventId !== undefined) {
          headers['last-event-id'] = lastEventId;
        }
        return withDescription({
          route: name,
          method: spec.method,
          url: path + query.query,
          headers,
          body: body.text,
          kinds,
        });
      });
  });
}

/** A path under /api that no route has, with any method. */
function unknownRouteRequest(principal: FuzzPrincipal): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      tail: fc.oneof(nastyString.map(encode), malformedEncoding),
      prefix: fc.constantFrom('/api/', '/api/v1/', '/api/v1/users/x/', '/api/v2/', '/api/v1/lab/'),
    })
    .map(({ method, tail, prefix }) =>
      withDescription({
        route: 'unknown route',
        method,
        // The marker keeps it off every route (an empty tail would be `/api/v1/lab/`).
        url: `${prefix}nothing-here-${tail}`,
        headers: { ...principal.headers },
        kinds: ['unknown route'],
      }),
    );
}

export function fuzzRequest(principal: FuzzPrincipal): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 12, arbitrary: routeRequest(principal) },
    { weight: 1, arbitrary: unknownRouteRequest(principal) },
  );
}
