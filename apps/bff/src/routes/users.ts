import { routes } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import { Router } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

export function usersRouter(engine: Engine, options: RouteOptions): Router {
  const router = Router();
  router.get(
    routes.listUsers.path,
    handle(routes.listUsers, ({ orgId, query }) => engine.listUsers(orgId, query), options),
  );
  router.get(
    routes.getUser.path,
    handle(routes.getUser, ({ orgId, params }) => engine.getUser(orgId, params.id), options),
  );
  return router;
}
