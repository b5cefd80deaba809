import type { FieldError, RouteSpec } from '@hybrid-hub/contract';
import type { Actor } from '@hybrid-hub/engine';
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { hasBody } from './json-body.ts';
import { InvalidRequestError, PreconditionRequiredError } from './problem.ts';

type Parsed<R, K extends 'params' | 'query' | 'body'> = R extends {
  [P in K]: infer S extends z.ZodType;
}
  ? z.output<S>
  : undefined;

/**
 * What a handler receives: inputs already parsed by the route's schemas, the org in scope, and
 * who asks (the engine's Actor, for commands).
 */
export interface RouteInput<R extends RouteSpec> {
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  body: Parsed<R, 'body'>;
  orgId: string;
  by: Actor;
  /** The revision `If-Match` names, on routes marked `ifMatch` (checked present and well-formed). */
  ifMatch: R extends { ifMatch: true } ? number : undefined;
  req: Request;
  res: Response;
}

export type RouteHandler<R extends RouteSpec> = (
  input: RouteInput<R>,
) => Promise<z.input<R['response']>>;

export interface RouteOptions {
  /** Parse every response with the route's response schema (tests and development). */
  checkResponses: boolean;
  /** The Lab is enabled: routes marked `lab: true` answer; otherwise they do not exist (404). */
  labEnabled: boolean;
}

/**
 * Who is acting on this request: the organization in scope and the administrator, both from the
 * session (access-control.ts); unset on public routes.
 */
export function actorOf(res: Response): Actor {
  return { orgId: res.locals.orgId as string, actor: res.locals.actor as string };
}

/**
 * Turns a contract route and a handler into an Express handler: validates params, query and
 * body with the route's schemas (all fields at fault reported at once), hands the PARSED values
 * to the handler, and sends its result as JSON — with `status` (default 200; a function of the
 * response when the handler decides it).
 * A Lab route while the Lab is off is answered as if it did not exist, before any validation,
 * so nothing about the simulation's controls shows.
 */
export function handle<R extends RouteSpec>(
  spec: R,
  handler: RouteHandler<R>,
  options: RouteOptions,
  { status: statusOf = 200 }: { status?: number | ((res: Response) => number) } = {},
): RequestHandler {
  return async (req, res, next) => {
    if ('lab' in spec && spec.lab && !options.labEnabled) return next();
    const { params, query, body } = parseRequest(spec, req);
    const ifMatch = 'ifMatch' in spec && spec.ifMatch ? expectedRevision(req) : undefined;
    const by = actorOf(res);
    const result = await handler({
      params,
      query,
      body,
      orgId: by.orgId,
      by,
      ifMatch,
      req,
      res,
    } as RouteInput<R>);
    const checked = options.checkResponses ? spec.response.parse(result) : result;
    const status = typeof statusOf === 'number' ? statusOf : statusOf(res);
    if (status === 204) res.status(204).end();
    else res.status(status).json(checked);
  };
}

/**
 * Validates params, query and body with the route's schemas, reporting every field at fault at
 * once (InvalidRequestError). Also for the routes that do not answer JSON (CSV, events).
 */
export function parseRequest<R extends RouteSpec>(
  spec: R,
  req: Request,
): Pick<RouteInput<R>, 'params' | 'query' | 'body'> {
  const errors: FieldError[] = [];
  const params = parsePart(spec.params, req.params, 'params', errors);
  const query = parsePart(spec.query, req.query, 'query', errors);
  const body = spec.body ? parsePart(spec.body, req.body, 'body', errors) : refuseBody(req, errors);
  if (errors.length > 0) throw new InvalidRequestError(errors);
  return { params, query, body } as Pick<RouteInput<R>, 'params' | 'query' | 'body'>;
}

/**
 * The revision an `If-Match` header names: `"7"` as the ETag header gave it (a bare `7` is
 * accepted too). Without the header the request cannot be guarded: 428. A weak or listed tag,
 * or `*`, names no single revision: 400.
 */
function expectedRevision(req: Request): number {
  const header = req.get('if-match');
  if (header === undefined || header.trim() === '') throw new PreconditionRequiredError();
  const match = /^(?:"(\d{1,15})"|(\d{1,15}))$/.exec(header.trim());
  if (!match) {
    throw new InvalidRequestError([
      {
        field: 'headers.if-match',
        message: 'must name the revision in quotes, as the ETag header gives it (for example "3")',
      },
    ]);
  }
  return Number(match[1] ?? match[2]);
}

/** A route without a body schema takes no body: one sent anyway is a mistake, not ignored. */
function refuseBody(req: Request, errors: FieldError[]): undefined {
  if (hasBody(req))
    errors.push({ field: 'body', message: 'must be empty: this route takes no body' });
  return undefined;
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
