import type { RequestHandler, Response } from 'express';
import type { SessionWithAdmin } from '../auth/auth-store.ts';
import type { SessionCookie } from '../auth/session-cookie.ts';
import type { SessionManager } from '../auth/sessions.ts';
import { matchRoute, type CompiledRoute } from './route-matcher.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in session of a request, once identified (undefined without a live one). */
export function sessionOf(res: Response): SessionWithAdmin | undefined {
  return res.locals.session as SessionWithAdmin | undefined;
}

/** The contract route a request is for, once identified (undefined: no such route). */
export function routeOf(res: Response): CompiledRoute | undefined {
  return res.locals.route as CompiledRoute | undefined;
}

export interface IdentifySessionOptions {
  sessions: Pick<SessionManager, 'resolve'>;
  cookie: Pick<SessionCookie, 'read' | 'clear'>;
}

/**
 * Finds which route a request is for and which live session its cookie names, before anything
 * counts or refuses it: the rate limits then count a session by its verified id and everyone
 * else by address, so neither a made-up cookie (a fresh key per request) nor strangers' failures
 * at a shared address (NAT, a proxy) decide what a signed-in administrator may do. Answers
 * nothing itself: access control, after the limits, refuses what this found missing.
 *
 * Public reads (liveness probes, the API description) never read the session. A cookie naming
 * no live session (signed out, expired) is cleared, so the browser stops sending it; signing in
 * replaces it anyway.
 */
export function identifySession({ sessions, cookie }: IdentifySessionOptions): RequestHandler {
  return async (req, res, next) => {
    // Mounted under /api: the path the route table names is the mount point plus the rest.
    const route = matchRoute(req.method, req.baseUrl + req.path);
    res.locals.route = route;
    const token = cookie.read(req);
    const needsSession =
      route !== undefined && (route.spec.access !== 'public' || !SAFE_METHODS.has(req.method));
    if (!token || !needsSession) return next();
    const session = await sessions.resolve(token);
    if (session) {
      res.locals.session = session;
      res.locals.orgId = session.admin.orgId;
      res.locals.actor = session.admin.email;
    } else if (route.name !== 'signIn') {
      cookie.clear(req, res);
    }
    next();
  };
}
