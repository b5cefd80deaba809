import { routes } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import { Router } from 'express';
import { handle, type RouteOptions } from '../middleware/route.ts';

/**
 * The Lab: simulation controls that produce (and fix) the guide's states in front of an admin.
 * Its routes are marked `lab: true` in the contract, and handle() hides them while the Lab is
 * off; only whether it is on is always answered, so the SPA knows whether to show it.
 */
export function labRouter(engine: Engine, options: RouteOptions): Router {
  const router = Router();
  router.get(
    routes.getLabStatus.path,
    handle(routes.getLabStatus, async () => ({ enabled: options.labEnabled }), options),
  );
  router.get(
    routes.getLabUser.path,
    handle(routes.getLabUser, ({ orgId, params }) => engine.getLabUser(orgId, params.id), options),
  );
  router.put(
    routes.updateLabUser.path,
    handle(
      routes.updateLabUser,
      ({ by, params, body }) => engine.updateLabUser(by, params.id, body),
      options,
    ),
  );
  router.get(
    routes.getLabDeployment.path,
    handle(routes.getLabDeployment, ({ orgId }) => engine.getLabDeployment(orgId), options),
  );
  router.put(
    routes.updateLabNode.path,
    handle(
      routes.updateLabNode,
      ({ by, params, body }) => engine.updateLabNode(by, params.id, body),
      options,
    ),
  );
  router.put(
    routes.updateLabImpNode.path,
    handle(
      routes.updateLabImpNode,
      ({ by, params, body }) => engine.updateLabImpNode(by, params.id, body),
      options,
    ),
  );
  router.post(
    routes.fallBackLabImpNode.path,
    handle(
      routes.fallBackLabImpNode,
      ({ by, params }) => engine.fallBackImpNode(by, params.id),
      options,
    ),
  );
  router.delete(
    routes.removeLabImpNode.path,
    handle(
      routes.removeLabImpNode,
      ({ by, params }) => engine.removeLabImpNode(by, params.id),
      options,
    ),
  );
  router.post(
    routes.addLabImpNode.path,
    handle(
      routes.addLabImpNode,
      ({ by, params, body }) => engine.addLabImpNode(by, params.id, body),
      options,
    ),
  );
  router.put(
    routes.updateLabPresenceGroup.path,
    handle(
      routes.updateLabPresenceGroup,
      ({ by, params, body }) => engine.updateLabPresenceGroup(by, params.id, body),
      options,
    ),
  );
  router.post(
    routes.advanceLabClock.path,
    handle(
      routes.advanceLabClock,
      ({ by, body }) => engine.advanceClock(by, body.minutes),
      options,
    ),
  );
  return router;
}
