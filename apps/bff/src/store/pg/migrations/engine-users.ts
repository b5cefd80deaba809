import type { PgMigration } from './pg-migration.ts';

/** A statement's rows after and before, each counted +1 and -1 (transition tables). */
const NOW_ROWS = { table: 'now_rows', by: 1 };
const WAS_ROWS = { table: 'was_rows', by: -1 };

/**
 * A trigger function moving the status and node totals by a statement's rows, summed per key:
 * rows whose status and node did not change cancel out and write nothing. In key order, so two
 * statements never lock the same count rows in opposite orders. (Written out per trigger: a
 * statement's transition tables are visible in its trigger function only, not in one it calls.)
 */
function countTrigger(name: string, sides: { table: string; by: number }[]): string {
  const moves = (key: string) =>
    sides
      .map(({ table, by }) => `SELECT org_id, ${key}, ${by} AS d FROM ${table}`)
      .join(' UNION ALL ');
  return /* sql */ `
      CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        INSERT INTO user_status_counts AS c (org_id, status_rank, n)
          SELECT org_id, status_rank, sum(d) FROM (${moves('status_rank')}) m
          GROUP BY org_id, status_rank HAVING sum(d) <> 0 ORDER BY org_id, status_rank
          ON CONFLICT (org_id, status_rank) DO UPDATE SET n = c.n + excluded.n;
        INSERT INTO user_node_counts AS c (org_id, node_id, n)
          SELECT org_id, node_id, sum(d) FROM (${moves('node_id')}) m WHERE node_id IS NOT NULL
          GROUP BY org_id, node_id HAVING sum(d) <> 0 ORDER BY org_id, node_id
          ON CONFLICT (org_id, node_id) DO UPDATE SET n = c.n + excluded.n;
        RETURN NULL;
      END $f$;`;
}

/**
 * Migrations of the users, their history and their search.
 *
 * Version 2 is the SQLite schema's design (store/migrations.ts) on PostgreSQL:
 * - Sort keys stored with the row: `name_key`/`email_key` lower-cased by JavaScript (the engine's
 *   fold, which PostgreSQL's lower() does not reproduce), `status_rank` (USER_STATUSES order),
 *   `activity_key` the last activity with NULL as the smallest safe integer, so keyset
 *   comparisons `(key, id) > ($k, $id)` never meet a NULL. Text keys and ids are COLLATE "C":
 *   code-point order, whatever the database's locale.
 * - One btree per sort, with and without the status filter, ending in `id`; the email sort needs
 *   no tie-break (emails are unique per organization, case aside: users_by_email).
 * - Totals from count tables kept by statement-level triggers (one aggregated upsert per
 *   statement, from its transition tables), in the writing statement's own transaction.
 * - The search text lives in `user_search`, beside the row, not in it: an UPDATE that changes any
 *   indexed column writes a new entry in every index of the table, and a trigram GIN entry is
 *   ~60 keys; a bulk activation changes each user's status twice but its name never.
 *   `search_text` is the engine's fold of name and email and the starts of their words
 *   (pg-search-text.ts), matched by LIKE through the pg_trgm GIN index.
 * - pg_trgm goes to the `public` schema when it has to be created (else, when public is missing
 *   or not ours to create in, the current one): a schema per test store is dropped with its
 *   tables, and an extension in it would go with it (and every other schema's trigram index).
 *   Its operator class is named by the schema it is found in, wherever a DBA installed it.
 */
export const ENGINE_USERS_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 2,
    name: 'users, their counts, search and history',
    sql: /* sql */ `
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
          BEGIN
            CREATE EXTENSION pg_trgm SCHEMA public;
          EXCEPTION
            WHEN unique_violation OR duplicate_object THEN
              -- Another schema's migration created it meanwhile (test stores start together).
              NULL;
            WHEN insufficient_privilege OR invalid_schema_name THEN
              -- No public schema, or not ours to create in: in our own.
              EXECUTE format('CREATE EXTENSION pg_trgm SCHEMA %I', current_schema());
          END;
        END IF;
      END $$;

      CREATE TABLE users (
        org_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        email text NOT NULL,
        display_name text NOT NULL,
        name_key text COLLATE "C" NOT NULL,
        email_key text COLLATE "C" NOT NULL,
        entitled_hybrid_message boolean NOT NULL,
        entitled_message_free boolean NOT NULL,
        message_service_enabled boolean NOT NULL,
        status text NOT NULL,
        status_rank smallint NOT NULL,
        error_code text,
        error_message text,
        cluster_id text COLLATE "C",
        node_id text COLLATE "C",
        home_imp_node_id text COLLATE "C",
        last_activity_at bigint,
        activity_key bigint NOT NULL
          GENERATED ALWAYS AS (coalesce(last_activity_at, -9007199254740991)) STORED,
        due_at bigint,
        updated_at bigint NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (org_id, id)
      );
      CREATE INDEX users_by_name ON users (org_id, name_key, id);
      CREATE UNIQUE INDEX users_by_email ON users (org_id, email_key) INCLUDE (id);
      CREATE INDEX users_by_activity ON users (org_id, activity_key, id);
      CREATE INDEX users_by_status ON users (org_id, status_rank, id);
      CREATE INDEX users_by_status_name ON users (org_id, status_rank, name_key, id);
      CREATE INDEX users_by_status_email ON users (org_id, status_rank, email_key) INCLUDE (id);
      CREATE INDEX users_by_status_activity ON users (org_id, status_rank, activity_key, id);
      -- One Expressway cluster's users by home IM&P node (its totals, its sessions).
      CREATE INDEX users_by_cluster_home_node
        ON users (org_id, cluster_id, home_imp_node_id, activity_key) WHERE cluster_id IS NOT NULL;
      CREATE INDEX users_by_node ON users (org_id, node_id, id) WHERE node_id IS NOT NULL;
      CREATE INDEX users_due ON users (org_id, due_at, id) WHERE due_at IS NOT NULL;
      CREATE INDEX users_enabled_by_activity ON users (org_id, activity_key)
        WHERE message_service_enabled;

      CREATE TABLE user_search (
        org_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        search_text text COLLATE "C" NOT NULL,
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, id) REFERENCES users (org_id, id) ON DELETE CASCADE
      );
      DO $$
      BEGIN
        EXECUTE format(
          'CREATE INDEX user_search_trigrams ON user_search USING gin (search_text %I.gin_trgm_ops)',
          (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
           WHERE e.extname = 'pg_trgm'));
      END $$;

      CREATE TABLE user_status_counts (
        org_id text COLLATE "C" NOT NULL,
        status_rank smallint NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (org_id, status_rank)
      );
      CREATE TABLE user_node_counts (
        org_id text COLLATE "C" NOT NULL,
        node_id text COLLATE "C" NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (org_id, node_id)
      );

      ${countTrigger('users_inserted', [NOW_ROWS])}
      ${countTrigger('users_updated', [NOW_ROWS, WAS_ROWS])}
      ${countTrigger('users_deleted', [WAS_ROWS])}
      CREATE TRIGGER users_inserted AFTER INSERT ON users
        REFERENCING NEW TABLE AS now_rows FOR EACH STATEMENT EXECUTE FUNCTION users_inserted();
      CREATE TRIGGER users_updated AFTER UPDATE ON users
        REFERENCING OLD TABLE AS was_rows NEW TABLE AS now_rows
        FOR EACH STATEMENT EXECUTE FUNCTION users_updated();
      CREATE TRIGGER users_deleted AFTER DELETE ON users
        REFERENCING OLD TABLE AS was_rows FOR EACH STATEMENT EXECUTE FUNCTION users_deleted();

      CREATE TABLE history (
        pk bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        org_id text COLLATE "C" NOT NULL,
        id text NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        at bigint NOT NULL,
        actor text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        code text,
        message text NOT NULL,
        cluster_id text,
        node_id text
      );
      -- Newest first, ties in insertion order reversed: read backwards by index, never sorted.
      CREATE INDEX history_by_user ON history (org_id, user_id, at, pk);
    `,
  },
];
