import { routes } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import { Router } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

/** Connector clusters: their status, the Message Connector restart, and the alarms. */
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
  router.post(
    routes.restartMessageConnector.path,
    handle(
      routes.restartMessageConnector,
      ({ by, params }) => engine.restartMessageConnector(by, params.id),
      options,
    ),
  );
  router.get(
    routes.listAlarms.path,
    handle(routes.listAlarms, ({ orgId, query }) => engine.listAlarms(orgId, query), options),
  );
  return router;
}
