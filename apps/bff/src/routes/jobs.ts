import { pathFor, routes } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import { Router } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

/**
 * Bulk actions: `POST /users/bulk` queues a job (202, Location of the job) that the due-work
 * loop carries out; its progress and failures are read here and announced as events.
 * Mount before the users router, next to the other fixed paths under /users.
 */
export function jobsRouter(engine: Engine, options: RouteOptions): Router {
  const router = Router();
  router.post(
    routes.startBulkJob.path,
    handle(
      routes.startBulkJob,
      async ({ by, body, res }) => {
        const job = await engine.startBulkJob(by, body);
        res.location(pathFor(routes.getJob.path, { id: job.id }));
        return job;
      },
      options,
      // Accepted, not done: the job runs in the background and is followed at its Location.
      { status: 202 },
    ),
  );
  router.get(
    routes.getJob.path,
    handle(routes.getJob, ({ orgId, params }) => engine.getJob(orgId, params.id), options),
  );
  router.get(
    routes.getJobFailures.path,
    handle(
      routes.getJobFailures,
      ({ orgId, params, query }) => engine.getJobFailures(orgId, params.id, query),
      options,
    ),
  );
  return router;
}
