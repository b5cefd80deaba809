import { timingSafeEqual } from 'node:crypto';
import {
  CSRF_HEADER,
  mayCall,
  refusalReason,
  routes,
  type RouteName,
  type RouteSpec,
} from '@hybrid-hub/contract';
import type { Request, RequestHandler, Response } from 'express';
import type { SessionWithAdmin } from '../auth/auth-store.ts';
import type { SessionCookie } from '../auth/session-cookie.ts';
import type { SessionManager } from '../auth/sessions.ts';
import { sendProblem } from './problem.ts';

interface CompiledRoute {
  name: RouteName;
  spec: RouteSpec;
  pattern: RegExp;
}

/**
 * The route table as matchers: fixed paths before paths with parameters, so `/users/bulk` is
 * never taken for `/users/:id`. Matching is case-insensitive and allows a trailing slash, as
 * Express's router does, so what this finds is what the routers will serve.
 */
function compileRoutes(): CompiledRoute[] {
  const compiled = (Object.entries(routes) as [RouteName, RouteSpec][]).map(([name, spec]) => {
    const source = spec.path
      .split('/')
      .map((segment) =>
        segment.startsWith(':')
          ? `(?<${segment.slice(1)}>[^/]+)`
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    return { name, spec, pattern: new RegExp(`^${source}/?$`, 'i') };
  });
  const parameters = (route: CompiledRoute) => (route.spec.path.match(/:/g) ?? []).length;
  return compiled.sort((a, b) => parameters(a) - parameters(b));
}

const COMPILED = compileRoutes();

/**
 * A matched route's `:name` parameters, read from the path itself (for middleware that runs before
 * the routers, such as the audit trail); a value that is not valid percent-encoding stays as sent.
 */
export function routeParams(route: CompiledRoute, path: string): Record<string, string> {
  const raw = route.pattern.exec(path)?.groups ?? {};
  return Object.fromEntries(
    Object.entries(raw).map(([name, value]) => {
      try {
        return [name, decodeURIComponent(value)];
      } catch {
        return [name, value];
      }
    }),
  );
}

/** The contract route a request is for, if any. */
export function matchRoute(method: string, path: string): CompiledRoute | undefined {
  const asked = method === 'HEAD' ? 'GET' : method;
  return COMPILED.find((route) => route.spec.method === asked && route.pattern.test(path));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in session of a request that passed access control (undefined on public routes). */
export function sessionOf(res: Response): SessionWithAdmin | undefined {
  return res.locals.session as SessionWithAdmin | undefined;
}

export interface AccessControlOptions {
  sessions: SessionManager;
  cookie: SessionCookie;
  /** How often an open event stream checks that its session still lives (ms). */
  streamSessionCheckMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Enforcement for every API request, from the route table: a request that matches no route is
 * answered 404 here, so no handler is reachable without a rule; a route's `access` decides the
 * rest — public, or a session (401 without) whose role is listed (403 otherwise). Every
 * state-changing request of a session must echo its CSRF token (403 `csrf_failed`). The
 * organization in scope and the actor of every change come from the session, never the request.
 */
export function accessControl({
  sessions,
  cookie,
  streamSessionCheckMs = 5000,
  onError,
}: AccessControlOptions): RequestHandler {
  return async (req, res, next) => {
    // Mounted under /api: the path the route table names is the mount point plus the rest.
    const path = req.baseUrl + req.path;
    const route = matchRoute(req.method, path);
    if (!route) {
      return sendProblem(res, 404, 'not_found', { detail: `No API route ${req.method} ${path}.` });
    }
    const { spec, name } = route;
    const token = cookie.read(req);
    // Liveness probes and the API description never need the session read.
    const needsSession = spec.access !== 'public' || !SAFE_METHODS.has(req.method);
    const session = token && needsSession ? await sessions.resolve(token) : undefined;
    // A cookie naming no live session (signed out, expired) is cleared, so the browser stops
    // sending it. Signing in replaces it anyway.
    if (token && needsSession && !session && name !== 'signIn') cookie.clear(req, res);
    // Who asks is known before anything is refused: the audit trail records refusals too.
    if (session) {
      res.locals.session = session;
      res.locals.orgId = session.admin.orgId;
      res.locals.actor = session.admin.email;
    }

    // Signing in is the one state-changing request without a token to echo (the client has no
    // session yet): a login CSRF would need a cross-site JSON POST, which browsers refuse without
    // this origin's consent (CORS preflight), and the session cookie is SameSite=Strict.
    if (
      session &&
      !SAFE_METHODS.has(req.method) &&
      name !== 'signIn' &&
      !csrfMatches(req, session)
    ) {
      return sendProblem(res, 403, 'csrf_failed', {
        detail: `Send the session's token (from GET /api/v1/session) in ${CSRF_HEADER}.`,
      });
    }
    if (spec.access !== 'public') {
      if (!session) {
        return sendProblem(res, 401, 'unauthorized', {
          detail: token
            ? 'Your session has ended (signed out, idle too long, or too old). Sign in again.'
            : 'Sign in first.',
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
