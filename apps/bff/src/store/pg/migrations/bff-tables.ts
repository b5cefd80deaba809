import type { PgMigration } from './pg-migration.ts';

/** Migrations of the BFF's own tables: administrators, sessions, sign-in and rate-limit counters, audit log, Idempotency-Keys. */
export const BFF_TABLES_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 3,
    name: 'administrators, sessions, counters, audit log, idempotency keys',
    // The SQLite migrations 7, 8, 9, 11 and 14 in one, shared by every replica. No foreign key
    // to organizations: these tables migrate and are tested apart from the engine's (an
    // organization is never deleted, and every writer names one that exists).
    //
    // sign_in_attempts (the sign-in throttle) and rate_limit_counters (the API's limits, kept in
    // each process's memory on SQLite) are the same fixed-window counters in two tables, so a
    // sweep of the busy API counters never contends with the throttle that guards passwords.
    // UNLOGGED: a crash empties the API counters, which only loosens a limit for a minute.
    //
    // audit_entries: `id` from one identity, so every replica's entries are in one order; an
    // entry's `at` never goes below its organization's last (audit_heads, whose row each append
    // locks: a clock stepping back repeats the last time, and ids follow times per organization).
    // Append-only: a trigger refuses UPDATE and DELETE.
    sql: /* sql */ `
      CREATE TABLE admins (
        id text PRIMARY KEY,
        org_id text NOT NULL,
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL,
        password_hash text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE UNIQUE INDEX admins_by_email ON admins (email);

      CREATE TABLE sessions (
        id_hash text PRIMARY KEY,
        admin_id text NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at bigint NOT NULL,
        last_seen_at bigint NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX sessions_by_admin ON sessions (admin_id);
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);

      CREATE TABLE sign_in_attempts (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        reset_at bigint NOT NULL
      );
      CREATE UNLOGGED TABLE rate_limit_counters (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        reset_at bigint NOT NULL
      );
      CREATE INDEX rate_limit_counters_by_end ON rate_limit_counters (reset_at);

      CREATE TABLE audit_heads (
        org_id text PRIMARY KEY,
        last_at bigint NOT NULL
      );
      CREATE TABLE audit_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        org_id text NOT NULL,
        at bigint NOT NULL,
        actor_email text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL,
        detail text,
        target_kind text,
        target_id text,
        target_label text,
        outcome text NOT NULL,
        status integer NOT NULL,
        problem_code text,
        client_address text NOT NULL,
        request_id text,
        client_request_id text
      );
      CREATE INDEX audit_by_org ON audit_entries (org_id, id);
      CREATE INDEX audit_by_time ON audit_entries (org_id, at, id);
      CREATE INDEX audit_by_actor ON audit_entries (org_id, actor_email, id);
      CREATE INDEX audit_by_action ON audit_entries (org_id, action, id);
      CREATE INDEX audit_by_target ON audit_entries (org_id, target_id, id)
        WHERE target_id IS NOT NULL;
      CREATE INDEX audit_by_outcome ON audit_entries (org_id, outcome, id);
      CREATE INDEX audit_by_request ON audit_entries (org_id, request_id, id)
        WHERE request_id IS NOT NULL;
      CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
      CREATE TRIGGER audit_entries_never_changed BEFORE UPDATE OR DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();

      CREATE TABLE idempotency_keys (
        org_id text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (org_id, key)
      );
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
    `,
  },
  {
    version: 4,
    name: "audit entries' position in their organization's log",
    // `seq` counts 1, 2, 3… per organization with no gap (the head row counts the entries, and
    // each append takes the next under its lock), so an unfiltered page is a seek
    // (seq = last − offset) and its total the range's width, as on SQLite, instead of a count
    // over every entry (42 ms a page at 200,000 entries). Filters keep their indexes ending in
    // id, which grows with seq. Entries written before are numbered here; the append-only
    // trigger is off for that one UPDATE.
    sql: /* sql */ `
      ALTER TABLE audit_heads ADD COLUMN entries bigint NOT NULL DEFAULT 0;
      ALTER TABLE audit_entries ADD COLUMN seq bigint;
      ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_never_changed;
      UPDATE audit_entries e SET seq = n.seq
        FROM (SELECT id, row_number() OVER (PARTITION BY org_id ORDER BY id) AS seq
              FROM audit_entries) n
        WHERE n.id = e.id;
      ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_never_changed;
      UPDATE audit_heads h SET entries = c.n
        FROM (SELECT org_id, count(*) AS n FROM audit_entries GROUP BY org_id) c
        WHERE c.org_id = h.org_id;
      ALTER TABLE audit_entries ALTER COLUMN seq SET NOT NULL;
      CREATE UNIQUE INDEX audit_by_seq ON audit_entries (org_id, seq);
    `,
  },
];
