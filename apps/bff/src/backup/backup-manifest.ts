import { z } from 'zod';

/**
 * The first line of a PostgreSQL backup: what the rest of the file holds. The tables are in an
 * order that satisfies their foreign keys (a table after those it references), so a restore
 * loads them as listed; each table's data follows in that order, in COPY's text format, ended
 * by a line `\.` (which COPY's text format cannot produce as data: a backslash is written `\\`).
 */
export const PgBackupManifest = z.object({
  format: z.literal('hybrid-hub-postgresql-backup'),
  formatVersion: z.literal(1),
  /** The last migration applied (schema_migrations): the restore migrates to it first. */
  schemaVersion: z.number().int().positive(),
  createdAt: z.string(),
  server: z.string(),
  tables: z.array(
    z.object({
      name: z.string(),
      /** Stored columns, in the order of each data line (generated columns are not copied). */
      columns: z.array(z.string()).min(1),
      rows: z.number().int().nonnegative(),
      /**
       * Identity columns and the last value their sequence handed out. A sequence may be ahead
       * of the rows (ids of pruned events are never handed out again): the restore keeps it so.
       */
      identities: z.array(z.object({ column: z.string(), lastValue: z.number().int() })),
    }),
  ),
});
export type PgBackupManifest = z.infer<typeof PgBackupManifest>;

/** Ends a table's data in the file. */
export const END_OF_TABLE = '\\.';
