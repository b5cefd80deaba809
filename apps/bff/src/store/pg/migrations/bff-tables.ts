import type { PgMigration } from '../pg-migrations.ts';

/** Migrations of the BFF's own tables: administrators, sessions, sign-in and rate-limit counters, audit log, Idempotency-Keys. */
export const BFF_TABLES_MIGRATIONS: readonly PgMigration[] = [];
