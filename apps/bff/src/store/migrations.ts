import type Database from 'better-sqlite3';
import { registerSearchFunctions } from './engine-store/search-text.ts';

/**
 * Versioned schema migrations, applied in order at open and recorded in `schema_migrations`.
 * A migration is never edited once released: change the schema by appending a new one.
 *
 * Design notes (200,000 users per organization, pages in well under a millisecond of SQL):
 * - Every table is keyed by (org_id, id): an id of another organization is simply not found.
 * - `users` keeps a rowid (`pk`) so that the FTS5 search index can point at it.
 * - Sort keys are stored, not computed per query: `name_key`/`email_key` are the lower-cased
 *   text (JavaScript folds Unicode case; SQLite's lower() folds ASCII only), `status_rank` the
 *   position in the contract's USER_STATUSES, and `activity_key` the last activity with NULL
 *   mapped to the smallest integer, so NULLs sort first ascending / last descending and keyset
 *   comparisons `(key, id) > (?, ?)` never meet a NULL.
 * - One index per sort key, with and without the status filter, each ending in `id` (the
 *   tie-break), so every page is an index range walk and every cursor an index seek.
 * - Totals are read from count tables kept by triggers in the same transaction as the writes
 *   (see `user_status_counts`), because an exact COUNT(*) walks an index of up to 200,000
 *   entries (~5 ms) on every page, while a users page must cost well under a millisecond.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'deployment, directory, users, history',
    sql: /* sql */ `
      CREATE TABLE organizations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE expressway_clusters (
        org_id TEXT NOT NULL REFERENCES organizations(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        node_size TEXT NOT NULL,
        PRIMARY KEY (org_id, id)
      ) WITHOUT ROWID;

      CREATE TABLE connector_nodes (
        org_id TEXT NOT NULL,
        id TEXT NOT NULL,
        cluster_id TEXT NOT NULL,
        hostname TEXT NOT NULL,
        version TEXT NOT NULL,
        connectivity TEXT NOT NULL,
        management_connector TEXT NOT NULL,
        message_connector TEXT NOT NULL,
        maintenance TEXT NOT NULL,
        revision INTEGER NOT NULL,
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, cluster_id) REFERENCES expressway_clusters(org_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX connector_nodes_by_hostname ON connector_nodes (org_id, hostname, id);
      CREATE INDEX connector_nodes_by_cluster ON connector_nodes (org_id, cluster_id, hostname, id);

      CREATE TABLE imp_clusters (
        org_id TEXT NOT NULL REFERENCES organizations(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        expressway_cluster_id TEXT,
        publisher_address TEXT NOT NULL,
        axl_username TEXT NOT NULL,
        axl_password TEXT NOT NULL,
        axl_account_has_role INTEGER NOT NULL,
        certificate_validation INTEGER NOT NULL,
        certificate_trusted INTEGER NOT NULL,
        icsa_group TEXT,
        PRIMARY KEY (org_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX imp_clusters_by_expressway ON imp_clusters (org_id, expressway_cluster_id);

      CREATE TABLE imp_nodes (
        org_id TEXT NOT NULL,
        id TEXT NOT NULL,
        imp_cluster_id TEXT NOT NULL,
        address TEXT NOT NULL,
        version TEXT NOT NULL,
        status TEXT NOT NULL,
        is_publisher INTEGER NOT NULL,
        axl_service_running INTEGER NOT NULL,
        presence_redundancy_group_id TEXT,
        discovered INTEGER NOT NULL,
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, imp_cluster_id) REFERENCES imp_clusters(org_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX imp_nodes_by_cluster ON imp_nodes (org_id, imp_cluster_id);

      CREATE TABLE presence_redundancy_groups (
        org_id TEXT NOT NULL,
        id TEXT NOT NULL,
        imp_cluster_id TEXT NOT NULL,
        name TEXT NOT NULL,
        high_availability INTEGER NOT NULL,
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, imp_cluster_id) REFERENCES imp_clusters(org_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX presence_redundancy_groups_by_cluster
        ON presence_redundancy_groups (org_id, imp_cluster_id);

      CREATE TABLE directory_entries (
        pk INTEGER PRIMARY KEY,
        org_id TEXT NOT NULL,
        id TEXT NOT NULL,
        imp_cluster_id TEXT NOT NULL,
        userid TEXT NOT NULL,
        jid TEXT NOT NULL,
        mailid TEXT NOT NULL,
        mailid_key TEXT NOT NULL,
        home_imp_node_id TEXT NOT NULL,
        UNIQUE (org_id, id)
      );
      CREATE INDEX directory_entries_by_mailid ON directory_entries (org_id, mailid_key);
      CREATE INDEX directory_entries_by_userid ON directory_entries (org_id, userid);

      -- Directory totals per IM&P cluster, kept by triggers (read on every cluster page).
      CREATE TABLE directory_counts (
        org_id TEXT NOT NULL,
        imp_cluster_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (org_id, imp_cluster_id)
      ) WITHOUT ROWID;
      CREATE TRIGGER directory_entries_counted AFTER INSERT ON directory_entries BEGIN
        INSERT INTO directory_counts (org_id, imp_cluster_id, n) VALUES (new.org_id, new.imp_cluster_id, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER directory_entries_uncounted AFTER DELETE ON directory_entries BEGIN
        UPDATE directory_counts SET n = n - 1
          WHERE org_id = old.org_id AND imp_cluster_id = old.imp_cluster_id;
      END;
      CREATE TRIGGER directory_entries_recounted AFTER UPDATE OF org_id, imp_cluster_id ON directory_entries
      BEGIN
        UPDATE directory_counts SET n = n - 1
          WHERE org_id = old.org_id AND imp_cluster_id = old.imp_cluster_id;
        INSERT INTO directory_counts (org_id, imp_cluster_id, n) VALUES (new.org_id, new.imp_cluster_id, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;

      CREATE TABLE jid_accounts (
        org_id TEXT NOT NULL,
        jid TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (org_id, jid)
      ) WITHOUT ROWID;

      CREATE TABLE users (
        pk INTEGER PRIMARY KEY,
        org_id TEXT NOT NULL,
        id TEXT NOT NULL,
        email TEXT NOT NULL,
        display_name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        email_key TEXT NOT NULL,
        entitled_hybrid_message INTEGER NOT NULL,
        entitled_message_free INTEGER NOT NULL,
        message_service_enabled INTEGER NOT NULL,
        status TEXT NOT NULL,
        status_rank INTEGER NOT NULL,
        error_code TEXT,
        error_message TEXT,
        cluster_id TEXT,
        node_id TEXT,
        home_imp_node_id TEXT,
        last_activity_at INTEGER,
        activity_key INTEGER NOT NULL,
        due_at INTEGER,
        updated_at INTEGER NOT NULL,
        version INTEGER NOT NULL,
        UNIQUE (org_id, id)
      );
      CREATE INDEX users_by_name ON users (org_id, name_key, id);
      CREATE INDEX users_by_email ON users (org_id, email_key, id);
      CREATE INDEX users_by_activity ON users (org_id, activity_key, id);
      CREATE INDEX users_by_status ON users (org_id, status_rank, id);
      CREATE INDEX users_by_status_name ON users (org_id, status_rank, name_key, id);
      CREATE INDEX users_by_status_email ON users (org_id, status_rank, email_key, id);
      CREATE INDEX users_by_status_activity ON users (org_id, status_rank, activity_key, id);
      -- Status totals of one Expressway cluster's IM&P nodes: a walk of that cluster's users only.
      CREATE INDEX users_by_cluster_home_node
        ON users (org_id, cluster_id, home_imp_node_id, activity_key) WHERE cluster_id IS NOT NULL;
      CREATE INDEX users_due ON users (due_at, id) WHERE due_at IS NOT NULL;

      -- Word-prefix search over name and email. External content (no second copy of the text),
      -- detail=none (we only ever ask "does a word start with this", never phrases or columns),
      -- no diacritic folding (the engine's searchTerms() does not fold them either), and prefix
      -- indexes so that one- to three-letter prefixes do not expand into thousands of terms.
      CREATE VIRTUAL TABLE users_fts USING fts5 (
        display_name, email,
        content = 'users', content_rowid = 'pk',
        tokenize = 'unicode61 remove_diacritics 0',
        detail = none, columnsize = 0,
        prefix = '1 2 3'
      );

      CREATE TABLE user_status_counts (
        org_id TEXT NOT NULL,
        status_rank INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (org_id, status_rank)
      ) WITHOUT ROWID;
      CREATE TABLE user_node_counts (
        org_id TEXT NOT NULL,
        node_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (org_id, node_id)
      ) WITHOUT ROWID;

      CREATE TRIGGER users_inserted AFTER INSERT ON users BEGIN
        INSERT INTO users_fts (rowid, display_name, email) VALUES (new.pk, new.display_name, new.email);
        INSERT INTO user_status_counts (org_id, status_rank, n) VALUES (new.org_id, new.status_rank, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO user_node_counts (org_id, node_id, n)
          SELECT new.org_id, new.node_id, 1 WHERE new.node_id IS NOT NULL
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER users_deleted AFTER DELETE ON users BEGIN
        INSERT INTO users_fts (users_fts, rowid, display_name, email)
          VALUES ('delete', old.pk, old.display_name, old.email);
        UPDATE user_status_counts SET n = n - 1 WHERE org_id = old.org_id AND status_rank = old.status_rank;
        UPDATE user_node_counts SET n = n - 1 WHERE org_id = old.org_id AND node_id = old.node_id;
      END;
      CREATE TRIGGER users_renamed AFTER UPDATE OF display_name, email ON users
        WHEN old.display_name IS NOT new.display_name OR old.email IS NOT new.email
      BEGIN
        INSERT INTO users_fts (users_fts, rowid, display_name, email)
          VALUES ('delete', old.pk, old.display_name, old.email);
        INSERT INTO users_fts (rowid, display_name, email) VALUES (new.pk, new.display_name, new.email);
      END;
      CREATE TRIGGER users_status_changed AFTER UPDATE OF org_id, status_rank ON users
        WHEN old.org_id IS NOT new.org_id OR old.status_rank IS NOT new.status_rank
      BEGIN
        UPDATE user_status_counts SET n = n - 1 WHERE org_id = old.org_id AND status_rank = old.status_rank;
        INSERT INTO user_status_counts (org_id, status_rank, n) VALUES (new.org_id, new.status_rank, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER users_node_changed AFTER UPDATE OF org_id, node_id ON users
        WHEN old.org_id IS NOT new.org_id OR old.node_id IS NOT new.node_id
      BEGIN
        UPDATE user_node_counts SET n = n - 1 WHERE org_id = old.org_id AND node_id = old.node_id;
        INSERT INTO user_node_counts (org_id, node_id, n)
          SELECT new.org_id, new.node_id, 1 WHERE new.node_id IS NOT NULL
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;

      CREATE TABLE history (
        pk INTEGER PRIMARY KEY,
        org_id TEXT NOT NULL,
        id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        code TEXT,
        message TEXT NOT NULL,
        cluster_id TEXT,
        node_id TEXT
      );
      -- Newest first, ties in insertion order reversed: read by index, never sorted.
      CREATE INDEX history_by_user ON history (org_id, user_id, at, pk);
    `,
  },
  {
    version: 2,
    name: 'search scoped by organization inside the full-text index',
    // Scoping a search by joining each match to `users` for its org_id cost one random row read
    // per match (~17 ms for a 7,000-match prefix on 200,000 users). The organization now sits in
    // the index as one more column holding a token no search text can form ('o' + hex of the id),
    // so counting and membership never leave the index. detail=column allows the column filters
    // that keep search terms on name and email only.
    sql: /* sql */ `
      ALTER TABLE users ADD COLUMN search_scope TEXT GENERATED ALWAYS AS ('o' || hex(org_id)) VIRTUAL;
      DROP TRIGGER users_inserted;
      DROP TRIGGER users_deleted;
      DROP TRIGGER users_renamed;
      DROP TABLE users_fts;
      CREATE VIRTUAL TABLE users_fts USING fts5 (
        display_name, email, search_scope,
        content = 'users', content_rowid = 'pk',
        tokenize = 'unicode61 remove_diacritics 0',
        detail = column, columnsize = 0,
        prefix = '1 2 3'
      );
      INSERT INTO users_fts (users_fts) VALUES ('rebuild');

      CREATE TRIGGER users_inserted AFTER INSERT ON users BEGIN
        INSERT INTO users_fts (rowid, display_name, email, search_scope)
          VALUES (new.pk, new.display_name, new.email, new.search_scope);
        INSERT INTO user_status_counts (org_id, status_rank, n) VALUES (new.org_id, new.status_rank, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO user_node_counts (org_id, node_id, n)
          SELECT new.org_id, new.node_id, 1 WHERE new.node_id IS NOT NULL
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER users_deleted AFTER DELETE ON users BEGIN
        INSERT INTO users_fts (users_fts, rowid, display_name, email, search_scope)
          VALUES ('delete', old.pk, old.display_name, old.email, old.search_scope);
        UPDATE user_status_counts SET n = n - 1 WHERE org_id = old.org_id AND status_rank = old.status_rank;
        UPDATE user_node_counts SET n = n - 1 WHERE org_id = old.org_id AND node_id = old.node_id;
      END;
      CREATE TRIGGER users_renamed AFTER UPDATE OF display_name, email, org_id ON users
        WHEN old.display_name IS NOT new.display_name OR old.email IS NOT new.email
          OR old.org_id IS NOT new.org_id
      BEGIN
        INSERT INTO users_fts (users_fts, rowid, display_name, email, search_scope)
          VALUES ('delete', old.pk, old.display_name, old.email, old.search_scope);
        INSERT INTO users_fts (rowid, display_name, email, search_scope)
          VALUES (new.pk, new.display_name, new.email, new.search_scope);
      END;
    `,
  },
  {
    version: 3,
    name: 'bulk jobs and their items, the event outbox',
    // Job ids are unique across organizations: the engine's due work reads a job's items by job
    // id alone. job_items is keyed (job_id, seq), so a job's items are one contiguous range; the
    // (job_id, state, seq) index makes "the next items in this state" a range walk that stops at
    // LIMIT even when 100,000 items sit in other states. Events get AUTOINCREMENT so that a seq
    // (the SSE id a client resumes from) is never handed out again, even after pruning.
    sql: /* sql */ `
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id),
        action TEXT NOT NULL,
        state TEXT NOT NULL,
        actor TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        total INTEGER NOT NULL,
        processed INTEGER NOT NULL,
        settled INTEGER NOT NULL,
        succeeded INTEGER NOT NULL,
        failed INTEGER NOT NULL,
        unchanged INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX jobs_unfinished ON jobs (created_at, id) WHERE state != 'completed';
      CREATE TABLE job_items (
        job_id TEXT NOT NULL REFERENCES jobs(id),
        seq INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        state TEXT NOT NULL,
        code TEXT,
        message TEXT,
        PRIMARY KEY (job_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX job_items_by_state ON job_items (job_id, state, seq);
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        org_id TEXT NOT NULL REFERENCES organizations(id),
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        -- The whole event as JSON text (type included): read back as it was written.
        payload TEXT NOT NULL
      );
      CREATE INDEX events_by_org ON events (org_id, seq);
      CREATE INDEX events_by_time ON events (at);
    `,
  },
  {
    version: 5,
    name: 'maintenance mode: the move off a node, users by node, activity of enabled users',
    // The move's columns are all NULL when no move is under way. users_by_node makes "the next
    // users on this node" (a maintenance batch) an index range that stops at LIMIT, and
    // users_enabled_by_activity counts the organization's enabled and active users (the
    // Overview's activity totals) from the index alone, never the table's rows.
    sql: /* sql */ `
      ALTER TABLE connector_nodes ADD COLUMN move_started_at INTEGER;
      ALTER TABLE connector_nodes ADD COLUMN move_users_at_start INTEGER;
      ALTER TABLE connector_nodes ADD COLUMN move_users_moved INTEGER;
      ALTER TABLE connector_nodes ADD COLUMN move_stuck_reason TEXT;
      ALTER TABLE connector_nodes ADD COLUMN move_rate_per_minute REAL;
      ALTER TABLE connector_nodes ADD COLUMN move_paced_from INTEGER;
      ALTER TABLE connector_nodes ADD COLUMN move_moved_before_pace INTEGER;
      CREATE INDEX users_by_node ON users (org_id, node_id, id) WHERE node_id IS NOT NULL;
      CREATE INDEX users_enabled_by_activity ON users (org_id, activity_key)
        WHERE message_service_enabled = 1;
    `,
  },
  {
    version: 6,
    name: 'IM&P failover and rediscovery, alarms, the simulation clock',
    // IM&P nodes: the version the node runs (the connector's `version` lags until restarted), a
    // node removed on premises that the connector still knows, and the session move (columns all
    // NULL when none is under way). Groups: a Message Connector restart is required.
    // directory_entries_by_home_node counts the users homed on each IM&P node (the Lab) from the
    // index alone. Alarms: one open alarm per condition (alarms_open_key), the list read in its
    // order (most severe, newest, id) from an index per state, with or without the cluster.
    // simulation_clock: the Lab's fast-forward, one row shared by every replica.
    sql: /* sql */ `
      ALTER TABLE imp_nodes ADD COLUMN running_version TEXT NOT NULL DEFAULT '';
      UPDATE imp_nodes SET running_version = version;
      ALTER TABLE imp_nodes ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE imp_nodes ADD COLUMN move_kind TEXT;
      ALTER TABLE imp_nodes ADD COLUMN move_to_imp_node_id TEXT;
      ALTER TABLE imp_nodes ADD COLUMN move_requested_at INTEGER;
      ALTER TABLE imp_nodes ADD COLUMN move_starts_at INTEGER;
      ALTER TABLE imp_nodes ADD COLUMN move_sessions_per_minute REAL;
      ALTER TABLE imp_nodes ADD COLUMN move_sessions_at_start INTEGER;
      ALTER TABLE imp_nodes ADD COLUMN move_sessions_moved INTEGER;
      ALTER TABLE presence_redundancy_groups
        ADD COLUMN connector_restart_required INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX directory_entries_by_home_node ON directory_entries (org_id, home_imp_node_id);

      CREATE TABLE alarms (
        org_id TEXT NOT NULL REFERENCES organizations(id),
        id TEXT NOT NULL,
        key TEXT NOT NULL,
        code TEXT NOT NULL,
        severity TEXT NOT NULL,
        severity_rank INTEGER NOT NULL,
        title TEXT NOT NULL,
        detail TEXT NOT NULL,
        cluster_id TEXT NOT NULL,
        cluster_name TEXT NOT NULL,
        nodes TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        resolved_at INTEGER,
        is_open INTEGER NOT NULL,
        PRIMARY KEY (org_id, id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX alarms_open_key ON alarms (org_id, key) WHERE is_open = 1;
      CREATE INDEX alarms_by_state ON alarms (org_id, is_open, severity_rank, first_seen DESC, id);
      CREATE INDEX alarms_by_cluster
        ON alarms (org_id, cluster_id, is_open, severity_rank, first_seen DESC, id);

      CREATE TABLE simulation_clock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        offset_ms INTEGER NOT NULL
      );
      INSERT INTO simulation_clock (id, offset_ms) VALUES (1, 0);
    `,
  },
  {
    version: 7,
    name: 'administrators, sessions, sign-in attempts',
    // Emails are stored lower-cased and unique across organizations: signing in names no
    // organization. A session is stored by the SHA-256 of its cookie value, so a copy of the
    // database opens no session; idle and absolute expiry are checked against last_seen_at and
    // expires_at on every request, and expired rows are swept by expires_at. sign_in_attempts
    // holds the sign-in throttle's counters, shared by every process on this database.
    sql: /* sql */ `
      CREATE TABLE admins (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id),
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX admins_by_email ON admins (email);

      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        admin_id TEXT NOT NULL REFERENCES admins(id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_admin ON sessions (admin_id);
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);

      CREATE TABLE sign_in_attempts (
        key TEXT PRIMARY KEY,
        hits INTEGER NOT NULL,
        reset_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 8,
    name: 'audit log',
    // Append-only: triggers refuse UPDATE and DELETE. `seq` counts 1, 2, 3… per organization with
    // no gap, and `at` never goes below the previous entry's (a clock stepping back repeats the
    // last time instead), so a time range is a seq range and, unfiltered, any page is a seek
    // (seq = last − offset) with its total the range's width: page 4,000 of 200,000 entries
    // costs what page 1 does. Each filter has an index ending in seq; within it a page is a
    // range walk, and audit_by_time turns from/to into seq bounds.
    sql: /* sql */ `
      CREATE TABLE audit_entries (
        org_id TEXT NOT NULL REFERENCES organizations(id),
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        actor_email TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT,
        target_kind TEXT,
        target_id TEXT,
        target_label TEXT,
        outcome TEXT NOT NULL,
        status INTEGER NOT NULL,
        problem_code TEXT,
        client_address TEXT NOT NULL,
        PRIMARY KEY (org_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX audit_by_time ON audit_entries (org_id, at, seq);
      CREATE INDEX audit_by_actor ON audit_entries (org_id, actor_email, seq);
      CREATE INDEX audit_by_action ON audit_entries (org_id, action, seq);
      CREATE INDEX audit_by_target ON audit_entries (org_id, target_id, seq)
        WHERE target_id IS NOT NULL;
      CREATE INDEX audit_by_outcome ON audit_entries (org_id, outcome, seq);
      CREATE TRIGGER audit_entries_never_updated BEFORE UPDATE ON audit_entries
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_entries_never_deleted BEFORE DELETE ON audit_entries
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    version: 9,
    name: 'idempotency keys of bulk jobs',
    // One row per (organization, Idempotency-Key): the request's fingerprint (a hash of its
    // body) and when the key was first seen, from which the job's id is derived, so a retry
    // finds the job the first try started. Rows older than 24 hours are swept by created_at.
    sql: /* sql */ `
      CREATE TABLE idempotency_keys (
        org_id TEXT NOT NULL REFERENCES organizations(id),
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (org_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
    `,
  },
  {
    version: 10,
    name: 'Pending users out of the status sort indexes',
    // A bulk activation moves each of its users into Pending and, seconds later, out of it: in
    // the three (status, key) sort indexes that was four random index writes per user and index,
    // a third of the job's writes (100,000 users: 4.5 → 3.8 s of UPDATE). Left out of them
    // (status_rank 1 is Pending), each user is deleted from them once and inserted once. Lists
    // of Pending users read the users_by_status range and sort it, or walk the unfiltered sort
    // index, whichever reads fewer rows (user-list.ts). The queries that use these indexes must
    // repeat the WHERE term as it is written here.
    sql: /* sql */ `
      DROP INDEX users_by_status_name;
      DROP INDEX users_by_status_email;
      DROP INDEX users_by_status_activity;
      CREATE INDEX users_by_status_name ON users (org_id, status_rank, name_key, id)
        WHERE status_rank <> 1;
      CREATE INDEX users_by_status_email ON users (org_id, status_rank, email_key, id)
        WHERE status_rank <> 1;
      CREATE INDEX users_by_status_activity ON users (org_id, status_rank, activity_key, id)
        WHERE status_rank <> 1;
    `,
  },
  {
    version: 11,
    name: "audit entries' request ids",
    // The X-Request-Id of the request an entry records (the log line's `req.id`, the answer's
    // header, a problem's `requestId`), so the three can be joined. NULL for entries written
    // before. Adding a column is not an UPDATE: the append-only triggers do not fire. The index
    // finds an entry from an id an admin quotes, like the other filters' indexes.
    sql: /* sql */ `
      ALTER TABLE audit_entries ADD COLUMN request_id TEXT;
      CREATE INDEX audit_by_request ON audit_entries (org_id, request_id, seq)
        WHERE request_id IS NOT NULL;
    `,
  },
  {
    version: 12,
    name: 'user updates count the status and node totals themselves',
    // The two UPDATE triggers ran four statements per user whose status or node changed (a bulk
    // activation: 400,000 for 100,000 users, 0.2–0.3 s). The store's updateUser/updateUsers add
    // the batch's moves to user_status_counts and user_node_counts with one statement each
    // (sqlite-users.ts). Inserts and deletes keep their triggers.
    sql: /* sql */ `
      DROP TRIGGER users_status_changed;
      DROP TRIGGER users_node_changed;
    `,
  },
  {
    version: 13,
    name: "each organization's simulation clock",
    // The Lab's fast-forward moves the caller's organization's time only (issue 11 #3): one
    // offset per organization (a row once it has fast-forwarded; none means real time), and the
    // due work reads each organization's due users at that organization's now, so users_due
    // leads with org_id: a seek per organization, not a walk over everyone's due users. A running
    // demo keeps its time: the shared offset becomes every existing organization's.
    sql: /* sql */ `
      CREATE TABLE simulation_clocks (
        org_id TEXT PRIMARY KEY REFERENCES organizations(id),
        offset_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO simulation_clocks (org_id, offset_ms)
        SELECT o.id, c.offset_ms FROM organizations o JOIN simulation_clock c ON c.id = 1
        WHERE c.offset_ms > 0;
      DROP TABLE simulation_clock;
      DROP INDEX users_due;
      CREATE INDEX users_due ON users (org_id, due_at, id) WHERE due_at IS NOT NULL;
    `,
  },
  {
    version: 14,
    name: "audit entries' client request ids",
    // The X-Request-Id a client or proxy sent (when valid), kept beside the request's own id,
    // which the BFF always makes: the client's may repeat (two admins sending the same one), so
    // it names no entry by itself and has no index. NULL for entries before, and for requests
    // that sent none.
    sql: /* sql */ `
      ALTER TABLE audit_entries ADD COLUMN client_request_id TEXT;
    `,
  },
  {
    version: 15,
    name: 'users search: any part of a name or email, through a trigram index',
    // SPEC: `q` matches any part of a name or email (docs/decisions/005-users-search.md). The
    // word-prefix index users_fts gives way to users_search, a trigram index: a word of 3
    // characters or more is the phrase of its trigrams, found wherever it sits; 1–2 character
    // words match word starts, marked as trigrams of their own in word_starts. The text is the
    // engine's fold of name and email (search_fold, search_word_starts: JavaScript functions the
    // store registers, search-text.ts), so SQLite matches what the in-memory store matches.
    // Contentless (the folded text is not kept twice) with contentless_delete, and rowids of
    // (organization's scope number << 32) + pk: an organization's users are a rowid range.
    // Emails become unique per organization (case aside): a whole email is looked up through
    // users_by_email before any full-text work, and the email sort needs no tie-break by id.
    sql: /* sql */ `
      CREATE TABLE search_scopes (
        no INTEGER PRIMARY KEY,
        org_id TEXT NOT NULL UNIQUE
      );
      INSERT INTO search_scopes (org_id) SELECT DISTINCT org_id FROM users ORDER BY org_id;
      CREATE VIRTUAL TABLE users_search USING fts5 (
        name, email, word_starts,
        content = '', contentless_delete = 1,
        tokenize = 'trigram case_sensitive 1',
        detail = full
      );
      INSERT INTO users_search (rowid, name, email, word_starts)
        SELECT (s.no << 32) + u.pk, search_fold(u.display_name), search_fold(u.email),
          search_word_starts(u.display_name, u.email)
        FROM users u JOIN search_scopes s ON s.org_id = u.org_id;
      -- One segment: a bulk insert leaves many, and every search reads each of them.
      INSERT INTO users_search (users_search) VALUES ('optimize');

      DROP TRIGGER users_inserted;
      DROP TRIGGER users_deleted;
      DROP TRIGGER users_renamed;
      DROP TABLE users_fts;
      ALTER TABLE users DROP COLUMN search_scope;
      CREATE TRIGGER users_inserted AFTER INSERT ON users BEGIN
        INSERT INTO search_scopes (org_id) VALUES (new.org_id) ON CONFLICT DO NOTHING;
        INSERT INTO users_search (rowid, name, email, word_starts) VALUES (
          ((SELECT no FROM search_scopes WHERE org_id = new.org_id) << 32) + new.pk,
          search_fold(new.display_name), search_fold(new.email),
          search_word_starts(new.display_name, new.email));
        INSERT INTO user_status_counts (org_id, status_rank, n) VALUES (new.org_id, new.status_rank, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO user_node_counts (org_id, node_id, n)
          SELECT new.org_id, new.node_id, 1 WHERE new.node_id IS NOT NULL
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER users_deleted AFTER DELETE ON users BEGIN
        DELETE FROM users_search
          WHERE rowid = ((SELECT no FROM search_scopes WHERE org_id = old.org_id) << 32) + old.pk;
        UPDATE user_status_counts SET n = n - 1 WHERE org_id = old.org_id AND status_rank = old.status_rank;
        UPDATE user_node_counts SET n = n - 1 WHERE org_id = old.org_id AND node_id = old.node_id;
      END;
      CREATE TRIGGER users_renamed AFTER UPDATE OF display_name, email, org_id ON users
        WHEN old.display_name IS NOT new.display_name OR old.email IS NOT new.email
          OR old.org_id IS NOT new.org_id
      BEGIN
        DELETE FROM users_search
          WHERE rowid = ((SELECT no FROM search_scopes WHERE org_id = old.org_id) << 32) + old.pk;
        INSERT INTO search_scopes (org_id) VALUES (new.org_id) ON CONFLICT DO NOTHING;
        INSERT INTO users_search (rowid, name, email, word_starts) VALUES (
          ((SELECT no FROM search_scopes WHERE org_id = new.org_id) << 32) + new.pk,
          search_fold(new.display_name), search_fold(new.email),
          search_word_starts(new.display_name, new.email));
      END;

      DROP INDEX users_by_email;
      CREATE UNIQUE INDEX users_by_email ON users (org_id, email_key);
      -- Statistics for the new index, as the others have: without them the planner took it for
      -- very selective and sorted the whole organization by name through it (a name page 2.6 →
      -- 270 ms on 200,000 users) until the next ANALYZE.
      ANALYZE users_by_email;
    `,
  },
];

/** Applies the migrations the database has not seen yet, each in its own transaction. */
export function applyMigrations(
  db: Database.Database,
  all: readonly Migration[] = migrations,
): number[] {
  // The users triggers call these (migration 15); a connection that writes users needs them.
  registerSearchFunctions(db);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((version) => Number(version)),
  );
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const ordered = [...all].sort((a, b) => a.version - b.version);
  const newlyApplied: number[] = [];
  for (const migration of ordered) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}
