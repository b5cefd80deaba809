import type { PgMigration } from './pg-migration.ts';
import { BFF_TABLES_MIGRATIONS } from './bff-tables.ts';
import { ENGINE_DEPLOYMENT_MIGRATIONS } from './engine-deployment.ts';
import { ENGINE_USERS_MIGRATIONS } from './engine-users.ts';

/**
 * Every PostgreSQL migration, in version order. Each area keeps its own in one file; versions
 * are global (the next free number, whichever area it is for).
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  ...ENGINE_DEPLOYMENT_MIGRATIONS,
  ...ENGINE_USERS_MIGRATIONS,
  ...BFF_TABLES_MIGRATIONS,
].sort((a, b) => a.version - b.version);
