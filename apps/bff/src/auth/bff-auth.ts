import type { Clock } from '@hybrid-hub/engine';
import type { Logger } from 'pino';
import type { AppOptions } from '../app.ts';
import type { Config } from '../config.ts';
import { apiRateLimit, type WindowCounters } from '../middleware/rate-limit.ts';
import type { AuthStore } from './auth-store.ts';
import { sessionCookie } from './session-cookie.ts';
import { createSessionManager, type SessionManager } from './sessions.ts';
import { signInThrottle } from './sign-in-throttle.ts';

export interface BffAuth {
  store: AuthStore;
  sessions: SessionManager;
  /** What createApp needs to sign in and enforce sessions. */
  app: AppOptions['auth'];
}

/**
 * Sign-in, sessions and the sign-in throttle on the store's database (`auth`), as configured;
 * the API limits count on `apiCounters` (the database's, with replicas), else in memory.
 */
export function createBffAuth(
  auth: AuthStore,
  config: Pick<
    Config,
    | 'HUB_SESSION_IDLE_MINUTES'
    | 'HUB_SESSION_HOURS'
    | 'HUB_COOKIE_SECURE'
    | 'HUB_SIGN_IN_LIMIT_ACCOUNT'
    | 'HUB_SIGN_IN_LIMIT_ADDRESS'
    | 'HUB_RATE_LIMIT'
    | 'HUB_RATE_LIMIT_CHANGES'
    | 'HUB_RATE_LIMIT_UNAUTHORIZED'
  >,
  {
    clock,
    logger,
    streamSessionCheckMs,
    apiCounters,
  }: {
    clock: Clock;
    logger: Logger;
    streamSessionCheckMs?: number;
    apiCounters?: WindowCounters;
  },
): BffAuth {
  const sessions = createSessionManager({
    store: auth,
    clock,
    timeouts: {
      idleMs: config.HUB_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: config.HUB_SESSION_HOURS * 3_600_000,
    },
    onTouchFailed: (error) => logger.warn({ err: error }, 'could not record session activity'),
  });
  const cookie = sessionCookie(config.HUB_COOKIE_SECURE);
  return {
    store: auth,
    sessions,
    app: {
      sessions,
      cookie,
      throttle: signInThrottle({
        attempts: auth,
        clock,
        perAccount: config.HUB_SIGN_IN_LIMIT_ACCOUNT,
        perAddress: config.HUB_SIGN_IN_LIMIT_ADDRESS,
      }),
      apiLimit: apiRateLimit({
        clock,
        perMinute: config.HUB_RATE_LIMIT,
        changesPerMinute: config.HUB_RATE_LIMIT_CHANGES,
        unauthorizedPerMinute: config.HUB_RATE_LIMIT_UNAUTHORIZED,
        counters: apiCounters,
      }),
      streamSessionCheckMs,
    },
  };
}
