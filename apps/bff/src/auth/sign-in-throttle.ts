import type { Clock } from '@hybrid-hub/engine';
import type { RequestHandler } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import { CounterStore, rateLimitedOptions } from '../middleware/rate-limit.ts';
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

/**
 * Throttles `POST /session`: only failures count (a successful sign-in takes its attempt back),
 * per client address and per email. The email's counter runs whether or not an account has that
 * address, and the 429 reads the same, so the throttle tells nobody which accounts exist.
 * `attempts` is the database (table sign_in_attempts), not this process's memory: every BFF
 * process on it sees the same counts, and a restart does not forget them.
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
      keyGenerator: (req) => {
        const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
        return typeof email === 'string' ? email.trim().toLowerCase() : '';
      },
    }),
  ];
}
