import type { HubEvent } from '@hybrid-hub/contract';
import type { EventsPort, StoredEvent } from '@hybrid-hub/engine';
import type { PgQueryable } from '../pg-queryable.ts';
import { selectRows } from './pg-rows.ts';

/**
 * The event outbox: `seq` is the table's identity. PgStore makes every append run under its
 * organization's transaction lock, so one organization's seqs are in commit order.
 */
export class PgEvents implements EventsPort {
  readonly #sql: PgQueryable;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
  }

  async appendEvents(orgId: string, at: number, events: readonly HubEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One statement; rows taken in the list's order, so seqs follow it.
    await this.#sql.query(
      `INSERT INTO events (org_id, at, type, payload)
       SELECT $1, $2, e.payload->>'type', e.payload
       FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(payload, n) ORDER BY e.n`,
      [orgId, at, JSON.stringify(events)],
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
    const result = await this.#sql.query('DELETE FROM events WHERE at < $1', [before]);
    return result.rowCount ?? 0;
  }
}
