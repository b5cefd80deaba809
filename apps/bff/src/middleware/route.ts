import {
  parseRequestParts,
  revisionOfIfMatch,
  type RequestParts,
  type RouteSpec,
} from '@hybrid-hub/contract';
import type { Actor } from '@hybrid-hub/engine';
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { hasBody } from './json-body.ts';

/**
 * What a handler receives: inputs already parsed by the route's schemas, the org in scope, and
 * who asks (the engine's Actor, for commands).
 */
export interface RouteInput<R extends RouteSpec> extends RequestParts<R> {
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
    const ifMatch =
      'ifMatch' in spec && spec.ifMatch ? revisionOfIfMatch(req.get('if-match')) : undefined;
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
export function parseRequest<R extends RouteSpec>(spec: R, req: Request): RequestParts<R> {
  return parseRequestParts(spec, {
    params: req.params,
    query: req.query,
    body: req.body,
    hasBody: hasBody(req),
  });
}
