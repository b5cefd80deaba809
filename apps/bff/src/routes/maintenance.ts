import { routes } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import { Router, type Response } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

/** The node's revision as an entity tag: what a maintenance request sends back as If-Match. */
function tagRevision(res: Response, revision: number): void {
  res.setHeader('ETag', `"${revision}"`);
}

/** Maintenance mode of connector nodes (SPEC "Maintenance mode"), and the activity totals. */
export function maintenanceRouter(engine: Engine, options: RouteOptions): Router {
  const router = Router();
  router.get(
    routes.getMaintenancePreview.path,
    handle(
      routes.getMaintenancePreview,
      async ({ orgId, params, res }) => {
        const preview = await engine.previewMaintenance(orgId, params.id);
        tagRevision(res, preview.revision);
        return preview;
      },
      options,
    ),
  );
  router.post(
    routes.setMaintenance.path,
    handle(
      routes.setMaintenance,
      async ({ by, params, body, ifMatch, res }) => {
        const node = await engine.setMaintenance(by, params.id, body, ifMatch);
        tagRevision(res, node.revision);
        return node;
      },
      options,
    ),
  );
  router.get(
    routes.getUserActivity.path,
    handle(routes.getUserActivity, ({ orgId }) => engine.getUserActivity(orgId), options),
  );
  return router;
}
