import { buildOpenApiDocument, routes } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import { Router } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

/** Liveness, the API's own description, and the organization in scope. */
export function metaRouter(
  engine: Engine,
  options: RouteOptions & { version: string; startedAt: number },
): Router {
  const router = Router();
  const openApi = buildOpenApiDocument(options.version);
  router.get(
    routes.health.path,
    handle(
      routes.health,
      async () => ({
        status: 'ok' as const,
        version: options.version,
        uptimeSeconds: Math.round((Date.now() - options.startedAt) / 1000),
      }),
      options,
    ),
  );
  router.get(
    routes.getOpenApi.path,
    handle(routes.getOpenApi, async () => openApi, options),
  );
  router.get(
    routes.getOrganization.path,
    handle(routes.getOrganization, ({ orgId }) => engine.getOrganization(orgId), options),
  );
  return router;
}
