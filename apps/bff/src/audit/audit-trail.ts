import {
  auditDetailOf,
  auditTargetOf,
  PROBLEM_CONTENT_TYPE,
  Session,
  type AdminRole,
  type AuditAction,
} from '@hybrid-hub/contract';
import type { Clock } from '@hybrid-hub/engine';
import type { Request, RequestHandler, Response } from 'express';
import type { AdminAccountStore } from '../auth/auth-store.ts';
import { sessionOf } from '../middleware/identify-session.ts';
import { matchRoute, routeParams } from '../middleware/route-matcher.ts';
import { rateLimitRefusalOf, type RateLimitRefusal } from '../middleware/rate-limit.ts';
import { clientRequestIdOf, requestIdOf } from '../middleware/request-id.ts';
import { isDatabaseUnavailable } from '../store/pg/pg-unavailable.ts';
import type { AuditStore, NewAuditEntry } from './audit-store.ts';

export interface AuditTrailOptions {
  store: AuditStore;
  /** Finds the account a failed sign-in named: the attempt goes to its organization's log. */
  accounts: Pick<AdminAccountStore, 'findAdminByEmail'>;
  /** Wall-clock time (not the engine's simulation clock, which the Lab moves forward). */
  clock: Clock;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * How long a change's answer waits for a database that cannot serve right now (restarting,
 * connection lost) to take its entry: the change is made by then, and an acknowledged change
 * without its entry is a hole in the log. A retry after a commit whose reply was lost may write
 * the entry twice, the lesser harm. Refusals are not retried: their answer (often the 503 of the
 * same outage) must not wait.
 */
const AUDIT_RETRY_FOR_MS = 10_000;
const AUDIT_RETRY_PAUSE_MS = 250;

async function appendRetrying(store: AuditStore, entry: NewAuditEntry): Promise<void> {
  const deadline =
    performance.now() + (entry.result.outcome === 'succeeded' ? AUDIT_RETRY_FOR_MS : 0);
  for (;;) {
    try {
      await store.appendAuditEntry(entry);
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || performance.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, AUDIT_RETRY_PAUSE_MS));
    }
  }
}

interface Who {
  orgId: string;
  email: string;
  role: AdminRole;
}

/** The problem's code, from the problem+json body being sent. */
function problemCodeOf(res: Response, chunk: unknown): string | null {
  if (!String(res.getHeader('content-type') ?? '').startsWith(PROBLEM_CONTENT_TYPE)) return null;
  try {
    const text = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    const code: unknown = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

/** An IPv4 client reaches a dual-stack socket as `::ffff:a.b.c.d`; the log says `a.b.c.d`. */
function clientAddressOf(req: Request): string {
  const address = req.ip ?? req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * Whose log the request goes to. A session's administrator; for signing in, the account signed
 * in to, or the one a failed attempt named. A request that names no organization (no session,
 * an unknown email) belongs to no organization's log: the request log has it.
 */
async function whoOf(
  action: AuditAction,
  req: Request,
  res: Response,
  answer: unknown,
  accounts: AuditTrailOptions['accounts'],
): Promise<Who | undefined> {
  if (action === 'signIn') {
    const opened = Session.safeParse(answer);
    if (opened.success) {
      const { admin, organization } = opened.data;
      return { orgId: organization.id, email: admin.email, role: admin.role };
    }
    const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
    if (typeof email !== 'string' || email.trim() === '' || email.length > 320) return undefined;
    const account = await accounts.findAdminByEmail(email.trim());
    return account && { orgId: account.orgId, email: account.email, role: account.role };
  }
  // Identified before the limits and access control refused anything (identifySession).
  const session = sessionOf(res);
  return (
    session && { orgId: session.admin.orgId, email: session.admin.email, role: session.admin.role }
  );
}

/** What a rate limit's refusal says in the log, in place of what the request asked for. */
function refusalDetail({ limit, seconds }: RateLimitRefusal): string {
  if (limit === 'signIn') {
    return `Too many failed sign-ins: further attempts from this address refused for ${seconds} s`;
  }
  const refused = limit === 'changes' ? 'changes' : 'requests';
  const why = limit === 'unauthorized' ? ' (from an address sending invalid sessions)' : '';
  return `Rate limit reached${why}: further ${refused} refused for ${seconds} s`;
}

/**
 * The audit trail: every state-changing API request (every route that is not a GET), recorded
 * once its outcome is known and before the answer leaves — done, refused for the role or the
 * CSRF token, refused by a rule (409, 412), invalid. Mounted ahead of access control, so that
 * its refusals pass through here too. The answer waits for the entry to be written, so a client
 * that reads the log after a change finds it there; a database that cannot serve for a moment is
 * retried for a change made (AUDIT_RETRY_FOR_MS); if writing fails the answer still goes out (the change is made by
 * then) and the failure is logged as an error. Mounted ahead of the API's
 * rate limits too, it records the first change each limit refuses a client in a window, not the
 * rest of that window: a flooding client leaves one entry a minute, not one a request. The
 * sign-in throttle's refusals alike: the first of its window for each account and address.
 */
export function auditTrail({ store, accounts, clock }: AuditTrailOptions): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const path = req.baseUrl + req.path;
    const route = matchRoute(req.method, path);
    if (!route) return next();
    const action = route.name as AuditAction;

    let answer: unknown;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      answer = body;
      return json(body);
    };

    const record = async (chunk: unknown): Promise<void> => {
      const status = res.statusCode;
      const refusal = rateLimitRefusalOf(res);
      if (refusal && !refusal.firstOfWindow) return;
      try {
        const who = await whoOf(action, req, res, answer, accounts);
        if (!who) return;
        const described = {
          action,
          params: routeParams(route, path),
          body: req.body as unknown,
          response: status < 400 ? answer : undefined,
        };
        const entry: NewAuditEntry = {
          orgId: who.orgId,
          at: clock.now(),
          actor: { email: who.email, role: who.role },
          action,
          detail: refusal ? refusalDetail(refusal) : auditDetailOf(described),
          target: auditTargetOf(described),
          result: {
            outcome: status < 400 ? 'succeeded' : 'failed',
            status,
            code: status < 400 ? null : problemCodeOf(res, chunk),
          },
          clientAddress: clientAddressOf(req),
          requestId: requestIdOf(req) ?? null,
          clientRequestId: clientRequestIdOf(req) ?? null,
        };
        await appendRetrying(store, entry);
      } catch (error) {
        req.log.error({ err: error, action, status }, 'could not write the audit entry');
      }
    };

    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    let ending = false;
    res.end = ((...args: unknown[]) => {
      if (ending) return end(...args);
      ending = true;
      void record(args[0]).finally(() => end(...args));
      return res;
    }) as Response['end'];
    next();
  };
}
