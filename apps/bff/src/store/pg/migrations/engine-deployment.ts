import type { PgMigration } from '../pg-migrations.ts';

/** Migrations of the organizations, their deployment (clusters, nodes, IM and Presence), directory, jobs, events, alarms and simulation state. */
export const ENGINE_DEPLOYMENT_MIGRATIONS: readonly PgMigration[] = [];
