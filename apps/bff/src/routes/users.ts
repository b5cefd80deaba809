import { routes } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import { Router } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

/** The Users table and one user: status, the Message Service switch, history, diagnostics. */
export function usersRouter(engine: Engine, options: RouteOptions): Router {
  const router = Router();
  router.get(
    routes.listUsers.path,
    handle(routes.listUsers, ({ orgId, query }) => engine.listUsers(orgId, query), options),
  );
  // Before /users/:id, which would take `status-counts` for an id.
  router.get(
    routes.getUserStatusCounts.path,
    handle(routes.getUserStatusCounts, ({ orgId }) => engine.getUserStatusCounts(orgId), options),
  );
  router.get(
    routes.getUser.path,
    handle(routes.getUser, ({ orgId, params }) => engine.getUser(orgId, params.id), options),
  );
  router.put(
    routes.setMessageService.path,
    handle(
      routes.setMessageService,
      ({ by, params, body }) => engine.setMessageService(by, params.id, body.enabled),
      options,
    ),
  );
  router.post(
    routes.reactivateUser.path,
    handle(
      routes.reactivateUser,
      ({ by, params }) => engine.reactivateUser(by, params.id),
      options,
    ),
  );
  router.get(
    routes.getUserHistory.path,
    handle(
      routes.getUserHistory,
      ({ orgId, params, query }) => engine.getUserHistory(orgId, params.id, query),
      options,
    ),
  );
  router.get(
    routes.getUserDiagnostics.path,
    handle(
      routes.getUserDiagnostics,
      ({ orgId, params }) => engine.runDiagnostics(orgId, params.id),
      options,
    ),
  );
  return router;
}
