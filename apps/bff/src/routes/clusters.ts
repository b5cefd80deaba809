import { routes } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import { Router } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

export function clustersRouter(engine: Engine, options: RouteOptions): Router {
  const router = Router();
  router.get(
    routes.listClusters.path,
    handle(routes.listClusters, ({ orgId }) => engine.listClusters(orgId), options),
  );
  router.get(
    routes.getCluster.path,
    handle(routes.getCluster, ({ orgId, params }) => engine.getCluster(orgId, params.id), options),
  );
  return router;
}
