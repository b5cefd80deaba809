import { routes } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import { Router } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

/**
 * The Lab: simulation controls that produce (and fix) the guide's states in front of an admin.
 * Its routes are marked `lab: true` in the contract, and handle() hides them while the Lab is
 * off; only whether it is on is always answered, so the SPA knows whether to show it.
 */
export function labRouter(engine: Engine, options: RouteOptions): Router {
  const router = Router();
  router.get(
    routes.getLabStatus.path,
    handle(routes.getLabStatus, async () => ({ enabled: options.labEnabled }), options),
  );
  router.get(
    routes.getLabUser.path,
    handle(routes.getLabUser, ({ orgId, params }) => engine.getLabUser(orgId, params.id), options),
  );
  router.put(
    routes.updateLabUser.path,
    handle(
      routes.updateLabUser,
      ({ by, params, body }) => engine.updateLabUser(by, params.id, body),
      options,
    ),
  );
  return router;
}
