import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_STREAMS_PER_SESSION } from './events/session-streams.ts';
import {
  DEFAULT_DOWNLOADS_PER_ORGANIZATION,
  DEFAULT_DOWNLOADS_PER_SESSION,
} from './routes/csv-downloads.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `true`/`false`/`1`/`0` from the environment (z.coerce.boolean would read "false" as true). */
const Flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** Express's names of address ranges it knows (proxy-addr), besides addresses and subnets. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a subnet (`10.0.0.0/8`, `fd00::/8`) or a named range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix <= (version === 4 ? 32 : 128);
}

/**
 * The proxies whose X-Forwarded-For (and -Proto) is believed, as Express's `trust proxy` takes
 * them: a comma-separated list, or `none` to believe no one (every request's address is its
 * connection's). Behind HAProxy on another machine, name it, or the per-address limits and
 * the audit log see HAProxy's address instead of the client's.
 */
const TrustProxy = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine((entries) => entries.length > 0, 'name the proxies, or none')
  .refine(
    (entries) => (entries.length === 1 && entries[0] === 'none') || entries.every(isProxyAddress),
    'addresses, subnets (a.b.c.d/n), loopback, linklocal, uniquelocal, or none',
  )
  .transform((entries): string[] | false => (entries[0] === 'none' ? false : entries));

/**
 * The BFF's configuration, read once from the environment at start-up. Every setting has a
 * default that works on a fresh clone; a bad value stops the start with a message naming it.
 */
export const Config = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    /**
     * Loopback by default: a deployment puts a TLS-terminating proxy in front (the session cookie
     * is Secure when the proxy says the request came over HTTPS) and sets HOST to listen wider.
     */
    HOST: z.string().min(1).default('127.0.0.1'),
    HUB_DATA_DIR: z.string().min(1).default(path.join(repoRoot, 'data')),
    /**
     * PostgreSQL instead of the SQLite file in HUB_DATA_DIR: every replica on this URL shares the
     * data, sessions, limits and audit log. Unset = SQLite, as on a fresh clone.
     */
    HUB_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
      .optional(),
    /** Connections this replica may hold: replicas × this stays below the server's max_connections. */
    HUB_DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(1000).default(10),
    /**
     * The schema to work in, which must exist (a mistyped name is an error, not a new empty
     * database); unset = the database user's default (search_path, usually public).
     */
    HUB_DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case identifier')
      .optional(),
    HUB_TRUST_PROXY: TrustProxy.default(['loopback']),
    HUB_WEB_DIST: z.string().min(1).default(path.join(repoRoot, 'apps/web/dist')),
    /**
     * The demo organizations and their demo accounts (SPEC: never in production). Unset = on,
     * except under NODE_ENV=production.
     */
    HUB_DEMO: Flag.optional(),
    NODE_ENV: z.string().optional(),
    HUB_DEMO_SEED: z.coerce.number().int().min(0).default(42),
    HUB_DEMO_USERS: z.coerce.number().int().min(100).max(200_000).default(2000),
    /** A session ends after this many minutes without a request… */
    HUB_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** …and this many hours after sign-in, whatever the activity. */
    HUB_SESSION_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /**
     * The session cookie's Secure flag: `auto` sets it when the request came over HTTPS (directly,
     * or through a proxy on this machine that says so in X-Forwarded-Proto).
     */
    HUB_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    /** Failed sign-ins allowed per account, and per client address, in 15 minutes. */
    HUB_SIGN_IN_LIMIT_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
    HUB_SIGN_IN_LIMIT_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(30),
    /**
     * API requests per minute of one session (or one address without a session), and of those,
     * changes. A console in several tabs stays far below; a runaway script does not.
     */
    HUB_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000_000).default(3000),
    HUB_RATE_LIMIT_CHANGES: z.coerce.number().int().min(1).max(10_000_000).default(600),
    /** Requests answered 401 per minute and address (guessed session cookies). */
    HUB_RATE_LIMIT_UNAUTHORIZED: z.coerce.number().int().min(1).max(10_000_000).default(300),
    /** Event streams one session may hold open (per process): one more ends its oldest. */
    HUB_SESSION_STREAMS: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(DEFAULT_STREAMS_PER_SESSION),
    /**
     * CSV downloads (users, audit log) under way at once per session, and per organization:
     * one more is refused (429) until one ends. Each reads the whole organization.
     */
    HUB_CSV_DOWNLOADS_PER_SESSION: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(DEFAULT_DOWNLOADS_PER_SESSION),
    HUB_CSV_DOWNLOADS_PER_ORG: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(DEFAULT_DOWNLOADS_PER_ORGANIZATION),
    /** Pending → evaluated after this long; unset = the engine's default ("a few seconds"). */
    HUB_ACTIVATION_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
    /** Pause between two runs of the engine's due work when the last run left nothing over. */
    HUB_TICK_MS: z.coerce.number().int().min(1).max(60_000).default(250),
    /**
     * Users per due-work transaction; unset = the store's own (SQLite: 20,000, measured in
     * store/engine-store/sqlite-due-work-batch.ts).
     */
    HUB_DUE_WORK_BATCH: z.coerce.number().int().min(1).max(50_000).optional(),
    /**
     * Users moved per minute off a node entering maintenance mode; unset = the engine's default
     * (1,000). Fractions are allowed (a slow demo: 30 users a minute is one every two seconds).
     */
    HUB_MAINTENANCE_RATE: z.coerce.number().positive().max(1_000_000).optional(),
    /** The Lab (simulation controls); unset = on exactly when the demo is (SPEC: demo and tests). */
    HUB_LAB: Flag.optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .transform(({ HUB_LAB, HUB_DEMO, NODE_ENV, ...config }) => {
    const demo = HUB_DEMO ?? NODE_ENV !== 'production';
    return { ...config, HUB_DEMO: demo, HUB_LAB: HUB_LAB ?? demo };
  });
export type Config = z.infer<typeof Config>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = Config.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
