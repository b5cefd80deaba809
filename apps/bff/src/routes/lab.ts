import { routes } from '@hybrid-hub/contract';
import { Router } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

/**
 * Whether the Lab (simulation controls) is on, always answered so the SPA knows whether to show
 * it. Its other routes are engine routes marked `lab: true` in the contract (engine-router.ts),
 * which handle() hides while the Lab is off.
 */
export function labRouter(options: RouteOptions): Router {
  const router = Router();
  router.get(
    routes.getLabStatus.path,
    handle(routes.getLabStatus, async () => ({ enabled: options.labEnabled }), options),
  );
  return router;
}
