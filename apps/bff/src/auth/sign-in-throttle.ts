import type { Clock } from '@hybrid-hub/engine';
import type { RequestHandler } from 'express';
import { rateLimit, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import { sendProblem } from '../middleware/problem.ts';
import type { SignInAttemptStore } from './auth-store.ts';

/** The window failed sign-ins are counted in. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

/**
 * express-rate-limit's counters kept in the database (table sign_in_attempts) instead of the
 * process's memory: every BFF process on the same database sees the same counts, and a restart
 * does not forget them. (SQLite is one machine's database; the PostgreSQL store implements the
 * same SignInAttemptStore for replicas.)
 */
class AttemptCounter implements Store {
  localKeys = false;
  #windowMs = SIGN_IN_WINDOW_MS;
  constructor(
    readonly prefix: string,
    private readonly attempts: SignInAttemptStore,
    private readonly clock: Clock,
  ) {}
  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }
  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const count = await this.attempts.readAttempts(this.prefix + key, this.clock.now());
    return count && { totalHits: count.hits, resetTime: new Date(count.resetAt) };
  }
  async increment(key: string): Promise<ClientRateLimitInfo> {
    const count = await this.attempts.countAttempt(
      this.prefix + key,
      this.clock.now(),
      this.#windowMs,
    );
    return { totalHits: count.hits, resetTime: new Date(count.resetAt) };
  }
  decrement(key: string): Promise<void> {
    return this.attempts.forgetAttempt(this.prefix + key);
  }
  resetKey(key: string): Promise<void> {
    return this.attempts.resetAttempts(this.prefix + key);
  }
}

export interface SignInThrottleOptions {
  attempts: SignInAttemptStore;
  clock: Clock;
  /** Failed sign-ins allowed per account (the email asked for, existing or not) per window. */
  perAccount: number;
  /** Failed sign-ins allowed per client address per window (many accounts tried from one place). */
  perAddress: number;
}

/**
 * Throttles `POST /session`: only failures count (a successful sign-in takes its attempt back),
 * per client address and per email. The email's counter runs whether or not an account has that
 * address, and the 429 reads the same, so the throttle tells nobody which accounts exist.
 */
export function signInThrottle({
  attempts,
  clock,
  perAccount,
  perAddress,
}: SignInThrottleOptions): RequestHandler[] {
  const common = {
    windowMs: SIGN_IN_WINDOW_MS,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      const resetTime = (_req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = resetTime
        ? Math.max(1, Math.ceil((resetTime.getTime() - clock.now()) / 1000))
        : Math.ceil(options.windowMs / 1000);
      res.setHeader('Retry-After', String(seconds));
      sendProblem(res, 429, 'rate_limited', {
        detail: `Too many sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`,
      });
    },
  } satisfies Partial<Options>;
  return [
    rateLimit({
      ...common,
      limit: perAddress,
      store: new AttemptCounter('address:', attempts, clock),
    }),
    rateLimit({
      ...common,
      limit: perAccount,
      store: new AttemptCounter('account:', attempts, clock),
      keyGenerator: (req) => {
        const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
        return typeof email === 'string' ? email.trim().toLowerCase() : '';
      },
    }),
  ];
}
