import type { Clock } from '@hybrid-hub/engine';
import type { Request, RequestHandler, Response } from 'express';
import {
  ipKeyGenerator,
  rateLimit,
  type ClientRateLimitInfo,
  type Options,
  type Store,
} from 'express-rate-limit';
import type { AttemptCount, SignInAttemptStore } from '../auth/auth-store.ts';
import { routeOf, sessionOf } from './identify-session.ts';
import { sendProblem } from './problem.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Fixed-window counters per key: the sign-in throttle's port, used by every limit. */
export type WindowCounters = SignInAttemptStore;

/**
 * express-rate-limit's Store over our counters (in the database for sign-in; for the API limits
 * in memory on SQLite, in the database on PostgreSQL), on the injected clock so that tests can
 * pass a window.
 */
export class CounterStore implements Store {
  localKeys: boolean;
  #windowMs = 60_000;
  constructor(
    readonly prefix: string,
    private readonly counters: WindowCounters,
    private readonly clock: Clock,
  ) {
    this.localKeys = counters instanceof MemoryCounters;
  }
  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }
  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const count = await this.counters.readAttempts(this.prefix + key, this.clock.now());
    return count && { totalHits: count.hits, resetTime: new Date(count.resetAt) };
  }
  async increment(key: string): Promise<ClientRateLimitInfo> {
    const count = await this.counters.countAttempt(
      this.prefix + key,
      this.clock.now(),
      this.#windowMs,
    );
    return { totalHits: count.hits, resetTime: new Date(count.resetAt) };
  }
  decrement(key: string): Promise<void> {
    return this.counters.forgetAttempt(this.prefix + key);
  }
  resetKey(key: string): Promise<void> {
    return this.counters.resetAttempts(this.prefix + key);
  }
}

/** Sweep ended windows every this many counts, so idle keys do not pile up. */
const SWEEP_EVERY = 1000;

/** The same counters in this process's memory. */
export class MemoryCounters implements WindowCounters {
  readonly #counts = new Map<string, AttemptCount>();
  #sinceSweep = 0;

  countAttempt(key: string, now: number, windowMs: number): Promise<AttemptCount> {
    if (++this.#sinceSweep >= SWEEP_EVERY) this.#sweep(now);
    let count = this.#counts.get(key);
    if (!count || count.resetAt <= now) {
      count = { hits: 0, resetAt: now + windowMs };
      this.#counts.set(key, count);
    }
    count.hits += 1;
    return Promise.resolve({ ...count });
  }
  readAttempts(key: string, now: number): Promise<AttemptCount | undefined> {
    const count = this.#counts.get(key);
    return Promise.resolve(count && count.resetAt > now ? { ...count } : undefined);
  }
  forgetAttempt(key: string): Promise<void> {
    const count = this.#counts.get(key);
    if (count) count.hits = Math.max(count.hits - 1, 0);
    return Promise.resolve();
  }
  resetAttempts(key: string): Promise<void> {
    this.#counts.delete(key);
    return Promise.resolve();
  }
  pruneAttempts(now: number): Promise<number> {
    return Promise.resolve(this.#sweep(now));
  }
  #sweep(now: number): number {
    this.#sinceSweep = 0;
    let pruned = 0;
    for (const [key, count] of this.#counts) {
      if (count.resetAt > now) continue;
      this.#counts.delete(key);
      pruned++;
    }
    return pruned;
  }
}

/** A refusal as the window it falls in: its client's key, and when the window ends. */
interface Refused {
  key: string;
  resetAt: number;
}

/**
 * The 429 of every limit: problem+json with `Retry-After` (seconds until the window ends), and
 * the standard RateLimit headers. `beforeAnswer` runs first (the API limits mark the refusal).
 */
export function rateLimitedOptions(
  clock: Clock,
  detail: (seconds: number) => string,
  beforeAnswer?: (req: Request, res: Response, refused: Refused) => Promise<void>,
): Pick<Options, 'standardHeaders' | 'legacyHeaders' | 'handler'> {
  return {
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res, next, options) => {
      const info = (req as { rateLimit?: { resetTime?: Date; key?: string } }).rateLimit;
      const resetAt = info?.resetTime?.getTime() ?? clock.now() + options.windowMs;
      const seconds = Math.max(1, Math.ceil((resetAt - clock.now()) / 1000));
      const refuse = () => {
        res.setHeader('Retry-After', String(seconds));
        sendProblem(res, 429, 'rate_limited', { detail: detail(seconds) });
      };
      if (!beforeAnswer) return refuse();
      beforeAnswer(req, res, { key: info?.key ?? '', resetAt }).then(refuse, next);
    },
  };
}

/** What the audit trail is told of an API limit's refusal. */
export interface RateLimitRefusal {
  /**
   * Which limit: all requests, changes, answers that were 401, or the sign-in throttle (failed
   * sign-ins per account and per address).
   */
  limit: 'requests' | 'changes' | 'unauthorized' | 'signIn';
  /** Until the limit's window ends, when the client may try again. */
  seconds: number;
  /**
   * The first change this client had refused in this window of this limit: the audit trail
   * records it, and not the rest of the window, so that a flood leaves one entry a window.
   */
  firstOfWindow: boolean;
}

/** The refusal (an API limit's, the sign-in throttle's) this answer is, if it is one. */
export function rateLimitRefusalOf(res: Response): RateLimitRefusal | undefined {
  return res.locals.rateLimitRefusal as RateLimitRefusal | undefined;
}

/**
 * Marks a refusal for the audit trail, and finds whether it is the first refused change of the
 * client's window: counted on the same counters, keyed by the window's end, so the mark ends with
 * the window (exactly one request sees the first count, however many arrive at once). `keyOf`
 * names whose refusals count as one, when that is not the limit's own client (its key).
 */
export function markRefusal(
  counters: WindowCounters,
  clock: Clock,
  limit: RateLimitRefusal['limit'],
  keyOf?: (req: Request) => string,
) {
  return async (req: Request, res: Response, refused: Refused): Promise<void> => {
    const { resetAt } = refused;
    const key = keyOf ? keyOf(req) : refused.key;
    const now = clock.now();
    const seconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
    let firstOfWindow = false;
    if (!SAFE_METHODS.has(req.method)) {
      const refusals = await counters.countAttempt(
        `refused:${limit}:${key}@${resetAt}`,
        now,
        Math.max(1, resetAt - now),
      );
      firstOfWindow = refusals.hits === 1;
    }
    const refusal: RateLimitRefusal = { limit, seconds, firstOfWindow };
    res.locals.rateLimitRefusal = refusal;
  };
}

export interface ApiRateLimitOptions {
  clock: Clock;
  /** Requests per minute of one session (or of one client address, without a session). */
  perMinute: number;
  /** Of those, state-changing requests (POST, PUT, DELETE) per minute. */
  changesPerMinute: number;
  /** Requests answered 401 per minute and client address: someone guessing session cookies. */
  unauthorizedPerMinute: number;
  /** Where the counts live; this process's memory unless given (see below). */
  counters?: WindowCounters;
}

const MINUTE_MS = 60_000;

/**
 * Refuses an address once `limit` of its requests this minute were answered 401, but only the
 * requests that would be answered 401 again (a route that needs a session, sent without a live
 * one): a valid session, and the public routes (signing in has its own throttle), never pay for
 * what other clients at the same address (NAT, a proxy) got wrong. Counted when the 401 is sent,
 * not when the request arrives: express-rate-limit's skipSuccessfulRequests counts every request
 * up front and takes it back after a good answer, so a burst of a signed-in console's requests in
 * flight at once would trip a limit meant for failures.
 */
function unauthorizedLimit({
  clock,
  counters,
  limit,
  key: keyOf,
  isProbe,
}: {
  clock: Clock;
  counters: WindowCounters;
  limit: number;
  key: (req: Request) => string;
  isProbe: (req: Request) => boolean;
}): RequestHandler {
  return async (req, res, next) => {
    const route = routeOf(res);
    const needsSession = route !== undefined && route.spec.access !== 'public';
    if (isProbe(req) || sessionOf(res) || !needsSession) return next();
    const key = `unauthorized:${keyOf(req)}`;
    const count = await counters.readAttempts(key, clock.now());
    if (count && count.hits >= limit) {
      const seconds = Math.max(1, Math.ceil((count.resetAt - clock.now()) / 1000));
      await markRefusal(counters, clock, 'unauthorized')(req, res, {
        key,
        resetAt: count.resetAt,
      });
      res.setHeader('Retry-After', String(seconds));
      return sendProblem(res, 429, 'rate_limited', {
        detail: `Too many requests without a valid session. Try again in ${seconds} seconds.`,
      });
    }
    res.on('finish', () => {
      if (res.statusCode === 401) void counters.countAttempt(key, clock.now(), MINUTE_MS);
    });
    next();
  };
}

/**
 * The API's rate limits, mounted under /api after the session is identified (identifySession)
 * and before access control, per session: every request counts towards `perMinute`, changes also
 * towards `changesPerMinute`. The key is the live session the cookie names, never the cookie as
 * sent: a request whose cookie names no live session is counted by its address, so a made-up
 * cookie per request is no fresh allowance. Requests answered 401 also count per address, and
 * past `unauthorizedPerMinute` that address's requests without a session are refused (guessing
 * session cookies). Liveness probes are never limited. Each refusal is marked for the audit
 * trail (`rateLimitRefusalOf`), which records the first refused change of a client's window.
 *
 * On SQLite the counts live in this process's memory (the default `counters`), unlike the sign-in
 * throttle's: writing a counter on every request would queue every API read behind the engine's
 * open transaction (one SQLite writer), which the store's read connection exists to avoid. On
 * PostgreSQL every replica counts in the same table (one upsert a count, on a connection of the
 * pool, waiting for no transaction), so N replicas behind a load balancer do not allow N times
 * the limit.
 */
export function apiRateLimit({
  clock,
  perMinute,
  changesPerMinute,
  unauthorizedPerMinute,
  counters = new MemoryCounters(),
}: ApiRateLimitOptions): RequestHandler[] {
  const isProbe = (req: Request) => req.baseUrl + req.path === '/api/health';
  const address = (req: Request) => `address:${ipKeyGenerator(req.ip ?? '')}`;
  // A session by its id's hash (the token itself is a secret and is never a key).
  const sessionOrAddress = (req: Request, res: Response) => {
    const session = sessionOf(res);
    return session ? `session:${session.idHash}` : address(req);
  };
  const common = { windowMs: MINUTE_MS, skip: isProbe } satisfies Partial<Options>;
  const tooMany = (limit: RateLimitRefusal['limit']) =>
    rateLimitedOptions(
      clock,
      (seconds) => `Too many requests from this session. Try again in ${seconds} seconds.`,
      markRefusal(counters, clock, limit),
    );
  return [
    unauthorizedLimit({ clock, counters, limit: unauthorizedPerMinute, key: address, isProbe }),
    rateLimit({
      ...common,
      ...tooMany('requests'),
      limit: perMinute,
      keyGenerator: sessionOrAddress,
      store: new CounterStore('requests:', counters, clock),
    }),
    rateLimit({
      ...common,
      ...tooMany('changes'),
      skip: (req) => isProbe(req) || SAFE_METHODS.has(req.method),
      limit: changesPerMinute,
      keyGenerator: sessionOrAddress,
      store: new CounterStore('changes:', counters, clock),
    }),
  ];
}
