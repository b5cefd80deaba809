import { buildOpenApiDocument, routes } from '@hybrid-hub/contract';
import { Router } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

/** Liveness and the API's own description. */
export function metaRouter(options: RouteOptions & { version: string; startedAt: number }): Router {
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
  return router;
}
