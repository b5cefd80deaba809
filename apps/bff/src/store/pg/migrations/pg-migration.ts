/** One PostgreSQL migration (applied by pg-migrations.ts). */
export interface PgMigration {
  /** Applied in ascending order, each once; never edited once released (append a new one). */
  version: number;
  name: string;
  sql: string;
}
