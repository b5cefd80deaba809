import type { z } from 'zod';
import type { FieldError } from './problem.ts';
import { InvalidRequestError } from './request-errors.ts';
import type { RouteSpec } from './routes.ts';

type Parsed<R, K extends 'params' | 'query' | 'body'> = R extends {
  [P in K]: infer S extends z.ZodType;
}
  ? z.output<S>
  : undefined;

/** A request's inputs as the route's schemas give them: what a route's handler works with. */
export interface RequestParts<R extends RouteSpec> {
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  body: Parsed<R, 'body'>;
}

/** A request's inputs as they arrived (the path's parameters, the query string, JSON). */
export interface RawRequestParts {
  params: unknown;
  query: unknown;
  /** The parsed JSON, or undefined without a body. */
  body: unknown;
  /** A body was sent (a route without a body schema refuses one). */
  hasBody: boolean;
}

/**
 * Validates params, query and body with the route's schemas, reporting every field at fault at
 * once (InvalidRequestError), each named by where it travelled: `params.id`, `query.pageSize`,
 * `body.enabled`.
 */
export function parseRequestParts<R extends RouteSpec>(
  spec: R,
  raw: RawRequestParts,
): RequestParts<R> {
  const errors: FieldError[] = [];
  const params = parsePart(spec.params, raw.params, 'params', errors);
  const query = parsePart(spec.query, raw.query, 'query', errors);
  let body: unknown;
  if (spec.body) body = parsePart(spec.body, raw.body, 'body', errors);
  else if (raw.hasBody) {
    // A route without a body schema takes no body: one sent anyway is a mistake, not ignored.
    errors.push({ field: 'body', message: 'must be empty: this route takes no body' });
  }
  if (errors.length > 0) throw new InvalidRequestError(errors);
  return { params, query, body } as RequestParts<R>;
}

function parsePart(
  schema: z.ZodType | undefined,
  value: unknown,
  location: string,
  errors: FieldError[],
): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    // An unknown key is reported under its own name, not as the whole object.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      const path = [location, ...issue.path.map(String), ...(key ? [key] : [])].join('.');
      errors.push({ field: path, message: key ? 'is not a known parameter' : issue.message });
    }
  }
  return undefined;
}
