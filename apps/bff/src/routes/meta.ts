import { buildOpenApiDocument, routes } from '@hybrid-hub/contract';
import { Router } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

/** Liveness and the API's own description. */
export function metaRouter(
  options: RouteOptions & {
    version: string;
    startedAt: number;
    /**
     * Rejects when the database cannot be reached (PostgreSQL: a `SELECT 1`): the probe then
     * answers 503, so a load balancer sends requests to the replicas that can serve them.
     */
    checkDatabase?: () => Promise<void>;
  },
): Router {
  const router = Router();
  const openApi = buildOpenApiDocument(options.version);
  router.get(
    routes.health.path,
    handle(
      routes.health,
      async () => {
        await options.checkDatabase?.();
        return {
          status: 'ok' as const,
          version: options.version,
          uptimeSeconds: Math.round((Date.now() - options.startedAt) / 1000),
        };
      },
      options,
    ),
  );
  router.get(
    routes.getOpenApi.path,
    handle(routes.getOpenApi, async () => openApi, options),
  );
  return router;
}
