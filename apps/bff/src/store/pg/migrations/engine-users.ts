import type { PgMigration } from '../pg-migrations.ts';

/** Migrations of the users, their history and their search. */
export const ENGINE_USERS_MIGRATIONS: readonly PgMigration[] = [];
