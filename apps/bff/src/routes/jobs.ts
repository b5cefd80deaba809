import { pathFor, routes } from '@hybrid-hub/contract';
import type { Clock, Engine } from '@hybrid-hub/engine';
import { Router } from 'express';
import {
  idempotencyKeyOf,
  startBulkJobOnce,
  type IdempotencyKeyStore,
} from '../jobs/idempotency-keys.ts';
import { handle, type RouteOptions } from '../middleware/route.ts';

export interface JobsRouterOptions extends RouteOptions {
  idempotency: { keys: IdempotencyKeyStore; clock: Clock };
}

/**
 * Bulk actions: `POST /users/bulk` queues a job (202, Location of the job) that the due-work
 * loop carries out; its progress and failures are read here and announced as events. With an
 * Idempotency-Key, a repeated request answers the job the first one started (200), not a second.
 * Mount before the users router, next to the other fixed paths under /users.
 */
export function jobsRouter(engine: Engine, options: JobsRouterOptions): Router {
  const { keys, clock } = options.idempotency;
  const router = Router();
  router.post(
    routes.startBulkJob.path,
    handle(
      routes.startBulkJob,
      async ({ by, body, req, res }) => {
        const key = idempotencyKeyOf(req);
        const { job, replayed } = key
          ? await startBulkJobOnce(engine, keys, clock, by, body, key)
          : { job: await engine.startBulkJob(by, body), replayed: false };
        res.locals.replayed = replayed;
        res.location(pathFor(routes.getJob.path, { id: job.id }));
        return job;
      },
      options,
      // Accepted, not done: the job runs in the background and is followed at its Location.
      // A replay started nothing: 200 with the job as it is now.
      { status: (res) => (res.locals.replayed ? 200 : 202) },
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
