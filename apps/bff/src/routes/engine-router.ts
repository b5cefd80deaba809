import { routes, type RouteSpec } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import {
  ENGINE_ROUTE_NAMES,
  engineRouteOf,
  type BindingInput,
  type EngineRouteName,
} from '@hybrid-hub/http-binding';
import { Router, type RequestHandler, type Response } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

/**
 * Every engine-backed route of the contract, made from the one binding the SPA's mock is made
 * from too (@hybrid-hub/http-binding), in the route table's order: fixed paths under /users
 * before /users/:id. `overrides` answer a route in the BFF's own way (a bulk job's stored
 * Idempotency-Key), at the same place in that order.
 */
export function engineRouter(
  engine: Engine,
  options: RouteOptions,
  overrides: Partial<Record<EngineRouteName, RequestHandler>> = {},
): Router {
  const router = Router();
  for (const name of ENGINE_ROUTE_NAMES) {
    const spec: RouteSpec = routes[name];
    const method = spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    router[method](spec.path, overrides[name] ?? engineHandler(engine, name, options));
  }
  return router;
}

function engineHandler(engine: Engine, name: EngineRouteName, options: RouteOptions) {
  const route = engineRouteOf(name);
  return handle(
    routes[name] as RouteSpec,
    async (input) => {
      const answer = await route.call(engine, input as BindingInput<typeof name>);
      setHeaders(input.res, route.headers?.(answer));
      return answer;
    },
    options,
    { status: route.status ?? 200 },
  );
}

export function setHeaders(res: Response, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
