import type { HubEvent } from '@hybrid-hub/contract';
import type { EventsPort, StoredEvent } from '@hybrid-hub/engine';
import { EVENTS_CHANNEL } from '../../../events/pg-event-listener.ts';
import type { PgQueryable } from '../pg-queryable.ts';
import { epochMs, selectRows } from './pg-rows.ts';

/**
 * The event outbox: `seq` is the table's identity. PgStore makes every append run under its
 * organization's transaction lock, so one organization's seqs are in commit order; each append
 * notifies EVENTS_CHANNEL with the organization's id.
 */
export class PgEvents implements EventsPort {
  readonly #sql: PgQueryable;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
  }

  async appendEvents(orgId: string, at: number, events: readonly HubEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One statement: the rows in the list's order, so seqs follow it, and the notification every
    // replica's listener hears (pg-event-listener.ts). Sent inside the appending transaction,
    // PostgreSQL delivers it after the commit, once per organization and transaction, and never
    // for a rollback. The insert runs whatever the SELECT does: a data-modifying CTE always does.
    await this.#sql.query(
      `WITH appended AS (
         INSERT INTO events (org_id, at, type, payload)
         SELECT $1, $2, e.payload->>'type', e.payload
         FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(payload, n) ORDER BY e.n
         RETURNING seq
       )
       SELECT pg_notify($4, $1) WHERE EXISTS (SELECT 1 FROM appended)`,
      [orgId, epochMs(at), JSON.stringify(events), EVENTS_CHANNEL],
    );
  }

  listEventsSince(orgId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    // Each read parses the stored JSON anew: the caller gets its own copy.
    return selectRows(
      this.#sql,
      `SELECT seq, org_id AS "orgId", at, payload AS event FROM events
       WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [orgId, afterSeq, Math.max(0, limit)],
    );
  }

  async lastEventSeq(orgId: string): Promise<number> {
    const [row] = await selectRows<{ seq: number }>(
      this.#sql,
      'SELECT coalesce(max(seq), 0)::bigint AS seq FROM events WHERE org_id = $1',
      [orgId],
    );
    return row!.seq;
  }

  async pruneEvents(before: number): Promise<number> {
    // Whole milliseconds stored: at < before exactly when at < ceil(before).
    const result = await this.#sql.query('DELETE FROM events WHERE at < $1', [Math.ceil(before)]);
    return result.rowCount ?? 0;
  }
}
