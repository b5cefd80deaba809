import type { Clock } from '@hybrid-hub/engine';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { CounterStore, markRefusal, rateLimitedOptions } from '../middleware/rate-limit.ts';
import type { SignInAttemptStore } from './auth-store.ts';

/** The window failed sign-ins are counted in. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

export interface SignInThrottleOptions {
  attempts: SignInAttemptStore;
  clock: Clock;
  /** Failed sign-ins allowed per account (the email asked for, existing or not) per window. */
  perAccount: number;
  /** Failed sign-ins allowed per client address per window (many accounts tried from one place). */
  perAddress: number;
}

/** The email a sign-in names, as the throttle counts it. */
function accountOf(req: Request): string {
  const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/**
 * Throttles `POST /session`: only failures count (a successful sign-in takes its attempt back),
 * per client address and per email. The email's counter runs whether or not an account has that
 * address, and the 429 reads the same, so the throttle tells nobody which accounts exist.
 * `attempts` is the database (table sign_in_attempts), not this process's memory: every BFF
 * process on it sees the same counts, and a restart does not forget them.
 *
 * Each refusal is marked for the audit trail, which records the first one of a window for each
 * account and address (a guessing burst leaves one entry, not one an attempt); the wrong
 * passwords before it are each recorded, as they are what an admin looks into.
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
    ...rateLimitedOptions(
      clock,
      (seconds) => `Too many sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`,
      markRefusal(
        attempts,
        clock,
        'signIn',
        (req) => `${accountOf(req)} from ${ipKeyGenerator(req.ip ?? '')}`,
      ),
    ),
  } satisfies Partial<Options>;
  return [
    rateLimit({
      ...common,
      limit: perAddress,
      store: new CounterStore('address:', attempts, clock),
    }),
    rateLimit({
      ...common,
      limit: perAccount,
      store: new CounterStore('account:', attempts, clock),
      keyGenerator: accountOf,
    }),
  ];
}
