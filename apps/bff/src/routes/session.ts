import { routes, SignInFailedError, type Session } from '@hybrid-hub/contract';
import type { Engine } from '@hybrid-hub/engine';
import { Router, type RequestHandler } from 'express';
import type { SessionWithAdmin } from '../auth/auth-store.ts';
import type { SessionCookie } from '../auth/session-cookie.ts';
import type { SessionManager } from '../auth/sessions.ts';
import { sessionOf } from '../middleware/identify-session.ts';
import { handle, type RouteOptions } from '../middleware/route.ts';

export interface SessionRouterOptions extends RouteOptions {
  sessions: SessionManager;
  cookie: SessionCookie;
  /** Runs before a sign-in is checked (the throttle). */
  throttle: RequestHandler[];
}

/** Sign in (a new session, its id in an HttpOnly cookie), who am I, and sign out. */
export function sessionRouter(engine: Engine, options: SessionRouterOptions): Router {
  const { sessions, cookie, throttle } = options;
  const router = Router();

  const describe = async (session: SessionWithAdmin): Promise<Session> => ({
    admin: {
      id: session.admin.id,
      email: session.admin.email,
      name: session.admin.name,
      role: session.admin.role,
    },
    organization: await engine.getOrganization(session.admin.orgId),
    csrfToken: session.csrfToken,
    idleTimeoutSeconds: Math.round(sessions.timeouts.idleMs / 1000),
    expiresAt: new Date(session.expiresAt).toISOString(),
  });

  router.post(
    routes.signIn.path,
    ...throttle,
    handle(
      routes.signIn,
      async ({ body, req, res }) => {
        // Whatever session the browser held before ends here: the new one gets a new id.
        const opened = await sessions.signIn(body.email, body.password, cookie.read(req));
        if (!opened) throw new SignInFailedError();
        cookie.set(req, res, opened.token);
        return describe(opened.session);
      },
      options,
      { status: 201 },
    ),
  );
  router.get(
    routes.getSession.path,
    handle(routes.getSession, ({ res }) => describe(sessionOf(res)!), options),
  );
  router.delete(
    routes.signOut.path,
    handle(
      routes.signOut,
      async ({ req, res }) => {
        const token = cookie.read(req);
        if (token) await sessions.signOut(token);
        cookie.clear(req, res);
      },
      options,
      { status: 204 },
    ),
  );
  return router;
}
