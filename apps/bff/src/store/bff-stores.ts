import type { Store } from '@hybrid-hub/engine';
import type { AuditStore } from '../audit/audit-store.ts';
import type { AuthStore } from '../auth/auth-store.ts';
import type { Config } from '../config.ts';
import type { IdempotencyKeyStore } from '../jobs/idempotency-keys.ts';
import type { WindowCounters } from '../middleware/rate-limit.ts';
import { sqliteAuditStore } from './bff-tables/sqlite-audit.ts';
import { sqliteAuthStore } from './bff-tables/sqlite-auth.ts';
import { sqliteIdempotencyKeys } from './bff-tables/sqlite-idempotency.ts';
import { openDataDirectory } from './data-directory.ts';
import type { SqliteStore } from './engine-store/sqlite-store.ts';
import { PgAuditStore } from './pg/bff-tables/pg-audit.ts';
import { PgAuthStore } from './pg/bff-tables/pg-auth.ts';
import { PgIdempotencyKeys } from './pg/bff-tables/pg-idempotency.ts';
import { PgWindowCounters } from './pg/bff-tables/pg-window-counters.ts';
import { openPgStore } from './pg/engine-store/pg-store.ts';
import { holdConnection, openPgPool } from './pg/pg-pool.ts';
import type { PgQueryable } from './pg/pg-queryable.ts';

/** The engine's store as the BFF uses it: the port, and statistics refreshed after the seed. */
export type BffEngineStore = Store & { optimize(): Promise<void> };

/** Everything the BFF keeps, on SQLite or on PostgreSQL. */
export interface BffStores {
  store: BffEngineStore;
  /** The same store when it is SQLite (its connection, for SQLite-only tools and tests). */
  sqlite: SqliteStore | undefined;
  auth: AuthStore;
  audit: AuditStore;
  idempotencyKeys: IdempotencyKeyStore;
  /**
   * Where the API rate limits count: the database when replicas share it; undefined = this
   * process's memory (SQLite: see apiRateLimit).
   */
  apiCounters: WindowCounters | undefined;
  /**
   * Runs `work` while no other process on this database runs its own: the first start's seed,
   * which replicas started together must do exactly once.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  /**
   * With PostgreSQL, what replicas share beyond the data: where to hold the leadership of the
   * timed work and listen for other replicas' commits (connections of their own), and a check
   * that the database answers (the liveness probe). Undefined on SQLite: one process.
   */
  replication: Replication | undefined;
  close(): Promise<void>;
}

export interface Replication {
  connectionString: string;
  schema: string | undefined;
  checkDatabase(): Promise<void>;
}

type StoreConfig = Pick<
  Config,
  'HUB_DATA_DIR' | 'HUB_DATABASE_URL' | 'HUB_DATABASE_POOL_MAX' | 'HUB_DATABASE_SCHEMA'
>;

/** PostgreSQL when HUB_DATABASE_URL is set, else the SQLite file in HUB_DATA_DIR. */
export function openBffStores(
  config: StoreConfig,
  warn: (message: string) => void,
): Promise<BffStores> {
  return config.HUB_DATABASE_URL
    ? openPostgres(config.HUB_DATABASE_URL, config)
    : Promise.resolve(openSqlite(config.HUB_DATA_DIR, warn));
}

function openSqlite(dataDir: string, warn: (message: string) => void): BffStores {
  const store = openDataDirectory(dataDir, warn);
  return {
    store,
    sqlite: store,
    auth: sqliteAuthStore(store),
    audit: sqliteAuditStore(store),
    idempotencyKeys: sqliteIdempotencyKeys(store),
    apiCounters: undefined,
    replication: undefined,
    // One process per data directory.
    exclusively: (work) => work(),
    close: () => store.close(),
  };
}

async function openPostgres(url: string, config: StoreConfig): Promise<BffStores> {
  const pool = openPgPool(url, {
    max: config.HUB_DATABASE_POOL_MAX,
    schema: config.HUB_DATABASE_SCHEMA,
  });
  let store;
  try {
    if (config.HUB_DATABASE_SCHEMA) await assertSchemaExists(pool, config.HUB_DATABASE_SCHEMA);
    store = await openPgStore(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    store,
    sqlite: undefined,
    auth: new PgAuthStore(pool),
    audit: new PgAuditStore(pool),
    idempotencyKeys: new PgIdempotencyKeys(pool),
    apiCounters: new PgWindowCounters(pool, 'rate_limit_counters'),
    replication: {
      connectionString: url,
      schema: config.HUB_DATABASE_SCHEMA,
      async checkDatabase() {
        await pool.query('SELECT 1');
      },
    },
    async exclusively(work) {
      // A session lock on a connection of its own, held while `work` runs on the pool. Waiting
      // for it may take as long as another replica's seed: no lock or statement timeout here,
      // and the connection is closed afterwards rather than returned with those settings.
      const { client, release } = await holdConnection(pool);
      try {
        await client.query('SET lock_timeout = 0; SET statement_timeout = 0');
        await client.query(
          "SELECT pg_advisory_lock(hashtext('hybrid-hub seed ' || current_schema()))",
        );
        return await work();
      } finally {
        release(true);
      }
    },
    // Ends the pool the BFF's tables share with it.
    close: () => store.close(),
  };
}

/** A search_path naming no schema makes every CREATE fail obscurely: say what is wrong. */
async function assertSchemaExists(sql: PgQueryable, schema: string): Promise<void> {
  const { rows } = await sql.query<{ current: string | null }>(
    'SELECT current_schema() AS current',
  );
  if (rows[0]?.current !== schema) {
    throw new Error(
      `HUB_DATABASE_SCHEMA: there is no schema ${schema} in the database (CREATE SCHEMA ${schema}, or leave it unset)`,
    );
  }
}
