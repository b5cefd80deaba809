import type { PgMigration } from './pg-migration.ts';

/**
 * Migrations of the organizations, their deployment (clusters, nodes, IM and Presence), directory,
 * jobs, events, alarms and simulation state.
 *
 * Design notes (the SQLite store's, apps/bff/src/store/migrations.ts, where they still apply):
 * - Every table is keyed by (org_id, id): an id of another organization is simply not found.
 * - Times are epoch milliseconds (bigint), ids text, flags boolean.
 * - Text that is sorted or compared is `COLLATE "C"`: code-point order whatever the database's
 *   locale, as the port asks and as SQLite's BINARY sorts.
 * - Each list is read in its order from an index whose columns end in that order, ending in `id`
 *   (the tie-break).
 * - Totals read on every page are kept in count tables by triggers in the same transaction as the
 *   writes. Unlike SQLite's row triggers, these are statement triggers over the transition
 *   tables: a bulk insert of 200,000 directory entries adds to each count once, not 200,000 times.
 */
export const ENGINE_DEPLOYMENT_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'organizations, deployment, directory, jobs, events, alarms, simulation clocks',
    sql: /* sql */ `
      CREATE TABLE organizations (
        id text COLLATE "C" PRIMARY KEY,
        name text NOT NULL
      );

      CREATE TABLE expressway_clusters (
        org_id text COLLATE "C" NOT NULL REFERENCES organizations (id),
        id text COLLATE "C" NOT NULL,
        name text COLLATE "C" NOT NULL,
        node_size text NOT NULL,
        PRIMARY KEY (org_id, id)
      );
      CREATE INDEX expressway_clusters_by_name ON expressway_clusters (org_id, name, id);

      -- The maintenance move's columns are all NULL when no move is under way.
      CREATE TABLE connector_nodes (
        org_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        cluster_id text COLLATE "C" NOT NULL,
        hostname text COLLATE "C" NOT NULL,
        version text NOT NULL,
        connectivity text NOT NULL,
        management_connector text NOT NULL,
        message_connector text NOT NULL,
        maintenance text NOT NULL,
        revision integer NOT NULL,
        move_started_at bigint,
        move_users_at_start integer,
        move_users_moved integer,
        move_stuck_reason text,
        move_rate_per_minute double precision,
        move_paced_from bigint,
        move_moved_before_pace integer,
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, cluster_id) REFERENCES expressway_clusters (org_id, id)
      );
      CREATE INDEX connector_nodes_by_hostname ON connector_nodes (org_id, hostname, id);
      CREATE INDEX connector_nodes_by_cluster ON connector_nodes (org_id, cluster_id, hostname, id);

      CREATE TABLE imp_clusters (
        org_id text COLLATE "C" NOT NULL REFERENCES organizations (id),
        id text COLLATE "C" NOT NULL,
        name text COLLATE "C" NOT NULL,
        expressway_cluster_id text COLLATE "C",
        publisher_address text NOT NULL,
        axl_username text NOT NULL,
        axl_password text NOT NULL,
        axl_account_has_role boolean NOT NULL,
        certificate_validation boolean NOT NULL,
        certificate_trusted boolean NOT NULL,
        icsa_group text,
        PRIMARY KEY (org_id, id)
      );
      CREATE INDEX imp_clusters_by_name ON imp_clusters (org_id, name, id);
      CREATE INDEX imp_clusters_by_expressway
        ON imp_clusters (org_id, expressway_cluster_id, name, id);

      CREATE TABLE presence_redundancy_groups (
        org_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        imp_cluster_id text COLLATE "C" NOT NULL,
        name text COLLATE "C" NOT NULL,
        high_availability boolean NOT NULL,
        connector_restart_required boolean NOT NULL,
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, imp_cluster_id) REFERENCES imp_clusters (org_id, id)
      );
      CREATE INDEX presence_redundancy_groups_by_cluster
        ON presence_redundancy_groups (org_id, imp_cluster_id, name, id);

      -- IM&P nodes: running_version is the version the node runs (the connector's version lags
      -- until restarted), removed a node removed on premises that the connector still knows; the
      -- session move's columns are all NULL when none is under way.
      CREATE TABLE imp_nodes (
        org_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        imp_cluster_id text COLLATE "C" NOT NULL,
        address text COLLATE "C" NOT NULL,
        version text NOT NULL,
        status text NOT NULL,
        is_publisher boolean NOT NULL,
        axl_service_running boolean NOT NULL,
        presence_redundancy_group_id text COLLATE "C",
        discovered boolean NOT NULL,
        running_version text NOT NULL,
        removed boolean NOT NULL,
        move_kind text,
        move_to_imp_node_id text COLLATE "C",
        move_requested_at bigint,
        move_starts_at bigint,
        move_sessions_per_minute double precision,
        move_sessions_at_start integer,
        move_sessions_moved integer,
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, imp_cluster_id) REFERENCES imp_clusters (org_id, id)
      );
      CREATE INDEX imp_nodes_by_address ON imp_nodes (org_id, address, id);
      CREATE INDEX imp_nodes_by_cluster ON imp_nodes (org_id, imp_cluster_id, address, id);

      -- A mailid is matched through mailid_key, lower-cased in JavaScript on both sides (the
      -- engine's fold, which PostgreSQL's lower() need not match under every locale). pk keeps
      -- the insertion order the lookups answer in.
      CREATE TABLE directory_entries (
        pk bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        org_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        imp_cluster_id text COLLATE "C" NOT NULL,
        userid text COLLATE "C" NOT NULL,
        jid text NOT NULL,
        mailid text NOT NULL,
        mailid_key text COLLATE "C" NOT NULL,
        home_imp_node_id text COLLATE "C" NOT NULL,
        UNIQUE (org_id, id)
      );
      CREATE INDEX directory_entries_by_mailid ON directory_entries (org_id, mailid_key);
      CREATE INDEX directory_entries_by_userid ON directory_entries (org_id, userid);
      -- The users homed on each IM&P node (the Lab), counted from the index alone.
      CREATE INDEX directory_entries_by_home_node ON directory_entries (org_id, home_imp_node_id);

      -- Directory totals per IM&P cluster (read on every cluster page), kept by the statement
      -- triggers below: each statement's rows are grouped and added once.
      CREATE TABLE directory_counts (
        org_id text COLLATE "C" NOT NULL,
        imp_cluster_id text COLLATE "C" NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (org_id, imp_cluster_id)
      );
      CREATE FUNCTION directory_entries_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE directory_counts c SET n = c.n - o.n
            FROM (SELECT org_id, imp_cluster_id, count(*) AS n FROM old_rows
                  GROUP BY org_id, imp_cluster_id) o
            WHERE c.org_id = o.org_id AND c.imp_cluster_id = o.imp_cluster_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          INSERT INTO directory_counts (org_id, imp_cluster_id, n)
            SELECT org_id, imp_cluster_id, count(*) FROM new_rows GROUP BY org_id, imp_cluster_id
            ON CONFLICT (org_id, imp_cluster_id) DO UPDATE SET n = directory_counts.n + excluded.n;
        END IF;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER directory_entries_inserted AFTER INSERT ON directory_entries
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION directory_entries_count();
      CREATE TRIGGER directory_entries_updated AFTER UPDATE ON directory_entries
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION directory_entries_count();
      CREATE TRIGGER directory_entries_deleted AFTER DELETE ON directory_entries
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION directory_entries_count();

      CREATE TABLE jid_accounts (
        org_id text COLLATE "C" NOT NULL,
        jid text COLLATE "C" NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (org_id, jid)
      );

      -- Job ids are unique across organizations: the engine's due work reads a job's items by job
      -- id alone. job_items is keyed (job_id, seq), so a job's items are one contiguous range; the
      -- (job_id, state, seq) index makes "the next items in this state" a range walk that stops
      -- at LIMIT even when 100,000 items sit in other states.
      CREATE TABLE jobs (
        id text COLLATE "C" PRIMARY KEY,
        org_id text COLLATE "C" NOT NULL REFERENCES organizations (id),
        action text NOT NULL,
        state text NOT NULL,
        actor text NOT NULL,
        created_at bigint NOT NULL,
        finished_at bigint,
        total integer NOT NULL,
        processed integer NOT NULL,
        settled integer NOT NULL,
        succeeded integer NOT NULL,
        failed integer NOT NULL,
        unchanged integer NOT NULL
      );
      CREATE INDEX jobs_unfinished ON jobs (created_at, id) WHERE state <> 'completed';
      CREATE TABLE job_items (
        job_id text COLLATE "C" NOT NULL REFERENCES jobs (id),
        seq integer NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        state text NOT NULL,
        code text,
        message text,
        PRIMARY KEY (job_id, seq)
      );
      CREATE INDEX job_items_by_state ON job_items (job_id, state, seq);

      -- The event outbox. seq is an identity: never handed out again, even after pruning or a
      -- rollback. It is drawn under the organization's transaction lock (pg-store.ts), so an
      -- organization's seqs are in commit order: a stream reading "after seq N" never skips a
      -- late commit. The whole event as JSON (type included), read back as it was written.
      CREATE TABLE events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        org_id text COLLATE "C" NOT NULL REFERENCES organizations (id),
        at bigint NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL
      );
      CREATE INDEX events_by_org ON events (org_id, seq);
      CREATE INDEX events_by_time ON events (at);

      -- Alarms: one open alarm per condition (alarms_open_key), the list read in its order (most
      -- severe, newest, id) from an index per state, with or without the cluster.
      CREATE TABLE alarms (
        org_id text COLLATE "C" NOT NULL REFERENCES organizations (id),
        id text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        code text NOT NULL,
        severity text NOT NULL,
        severity_rank integer NOT NULL,
        title text NOT NULL,
        detail text NOT NULL,
        cluster_id text COLLATE "C" NOT NULL,
        cluster_name text NOT NULL,
        nodes jsonb NOT NULL,
        first_seen bigint NOT NULL,
        last_seen bigint NOT NULL,
        resolved_at bigint,
        is_open boolean GENERATED ALWAYS AS (resolved_at IS NULL) STORED,
        PRIMARY KEY (org_id, id)
      );
      CREATE UNIQUE INDEX alarms_open_key ON alarms (org_id, key) WHERE is_open;
      CREATE INDEX alarms_by_state ON alarms (org_id, is_open, severity_rank, first_seen DESC, id);
      CREATE INDEX alarms_by_cluster
        ON alarms (org_id, cluster_id, is_open, severity_rank, first_seen DESC, id);

      -- The Lab's fast-forward of each organization's time: a row once it has fast-forwarded,
      -- none means real time. Shared by every replica.
      CREATE TABLE simulation_clocks (
        org_id text COLLATE "C" PRIMARY KEY REFERENCES organizations (id),
        offset_ms bigint NOT NULL
      );
    `,
  },
];
