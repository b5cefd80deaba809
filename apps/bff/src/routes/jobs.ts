import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf, routes } from '@hybrid-hub/contract';
import type { Clock, Engine } from '@hybrid-hub/engine';
import { engineRoutes } from '@hybrid-hub/http-binding';
import type { RequestHandler } from 'express';
import { startBulkJobOnce, type IdempotencyKeyStore } from '../jobs/idempotency-keys.ts';
import { handle, type RouteOptions } from '../middleware/route.ts';
import { setHeaders } from './engine-router.ts';

export interface BulkJobOptions extends RouteOptions {
  idempotency: { keys: IdempotencyKeyStore; clock: Clock };
}

/**
 * `POST /users/bulk` as the binding answers it (202, Location of the job that the due-work loop
 * carries out), and with an Idempotency-Key once per key: a repeated request answers the job the
 * first one started (200), not a second — the keys are kept in the BFF's database, so a retry
 * reaching another process or a restarted one is still recognized.
 */
export function startBulkJobHandler(engine: Engine, options: BulkJobOptions): RequestHandler {
  const { keys, clock } = options.idempotency;
  const binding = engineRoutes.startBulkJob;
  return handle(
    routes.startBulkJob,
    async (input) => {
      const key = idempotencyKeyOf(input.req.get(IDEMPOTENCY_KEY_HEADER));
      const { job, replayed } = key
        ? await startBulkJobOnce(engine, keys, clock, input.by, input.body, key)
        : { job: await binding.call(engine, input), replayed: false };
      input.res.locals.replayed = replayed;
      setHeaders(input.res, binding.headers?.(job));
      return job;
    },
    options,
    // A replay started nothing: 200 with the job as it is now.
    { status: (res) => (res.locals.replayed ? 200 : (binding.status ?? 200)) },
  );
}
