import { timingSafeEqual } from 'node:crypto';
import {
  CSRF_HEADER,
  CSRF_REFUSAL,
  mayCall,
  noRouteDetail,
  refusalReason,
  SIGN_IN_FIRST,
} from '@hybrid-hub/contract';
import type { Request, RequestHandler, Response } from 'express';
import type { SessionWithAdmin } from '../auth/auth-store.ts';
import type { SessionCookie } from '../auth/session-cookie.ts';
import type { SessionManager } from '../auth/sessions.ts';
import { routeOf, sessionOf } from './identify-session.ts';
import { sendProblem } from './problem.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AccessControlOptions {
  sessions: SessionManager;
  cookie: SessionCookie;
  /** How often an open event stream checks that its session still lives (ms). */
  streamSessionCheckMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Enforcement for every API request, from the route table and the session that identifySession
 * found (before the rate limits): a request that matches no route is answered 404 here, so no
 * handler is reachable without a rule; a route's `access` decides the rest — public, or a
 * session (401 without) whose role is listed (403 otherwise). Every
 * state-changing request of a session must echo its CSRF token (403 `csrf_failed`). The
 * organization in scope and the actor of every change come from the session, never the request.
 */
export function accessControl({
  sessions,
  cookie,
  streamSessionCheckMs = 5000,
  onError,
}: AccessControlOptions): RequestHandler {
  return (req, res, next) => {
    const route = routeOf(res);
    if (!route) {
      const path = req.baseUrl + req.path;
      return sendProblem(res, 404, 'not_found', { detail: noRouteDetail(req.method, path) });
    }
    const { spec, name } = route;
    const token = cookie.read(req);
    const session = sessionOf(res);

    // Signing in is the one state-changing request without a token to echo (the client has no
    // session yet): a login CSRF would need a cross-site JSON POST, which browsers refuse without
    // this origin's consent (CORS preflight), and the session cookie is SameSite=Strict.
    if (
      session &&
      !SAFE_METHODS.has(req.method) &&
      name !== 'signIn' &&
      !csrfMatches(req, session)
    ) {
      return sendProblem(res, 403, 'csrf_failed', { detail: CSRF_REFUSAL });
    }
    if (spec.access !== 'public') {
      if (!session) {
        return sendProblem(res, 401, 'unauthorized', {
          detail: token
            ? 'Your session has ended (signed out, idle too long, or too old). Sign in again.'
            : SIGN_IN_FIRST,
        });
      }
      if (!mayCall(spec.access, session.admin.role)) {
        return sendProblem(res, 403, 'forbidden', { detail: refusalReason(session.admin.role) });
      }
    }
    if (session && spec.produces === 'text/event-stream' && token) {
      endStreamWithSession(res, () => sessions.isLive(token), streamSessionCheckMs, onError);
    }
    next();
  };
}

function csrfMatches(req: Request, session: SessionWithAdmin): boolean {
  const sent = Buffer.from(req.get(CSRF_HEADER) ?? '');
  const expected = Buffer.from(session.csrfToken);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/**
 * An event stream outlives the request that opened it: it ends when its session does (signed
 * out, or expired), so nothing more reaches a browser whose admin has left. The browser's
 * reconnect then meets the 401.
 */
function endStreamWithSession(
  res: Response,
  isLive: () => Promise<boolean>,
  everyMs: number,
  onError?: (error: unknown) => void,
): void {
  const timer = setInterval(() => {
    isLive().then(
      (live) => {
        if (!live) res.end();
      },
      (error: unknown) => onError?.(error),
    );
  }, everyMs);
  timer.unref();
  res.on('close', () => clearInterval(timer));
}
