import type { HubEvent } from '@hybrid-hub/contract';
import type { EventsPort, StoredEvent, SyncPort } from '@hybrid-hub/engine';
import type { SqlStatements } from './sql-statements.ts';

/** The event outbox (migration 3): `seq` is the table's AUTOINCREMENT rowid. */
export class SqliteEvents implements SyncPort<EventsPort> {
  readonly #sql: SqlStatements;

  constructor(statements: SqlStatements) {
    this.#sql = statements;
  }

  appendEvents(orgId: string, at: number, events: readonly HubEvent[]): void {
    const insert = this.#sql.sql(
      'INSERT INTO events (org_id, at, type, payload) VALUES (?, ?, ?, ?)',
    );
    this.#sql.atomically(() => {
      for (const event of events) insert.run(orgId, at, event.type, JSON.stringify(event));
    });
  }

  listEventsSince(orgId: string, afterSeq: number, limit: number): StoredEvent[] {
    return this.#sql
      .all<{ seq: number; orgId: string; at: number; payload: string }>(
        `SELECT seq, org_id AS orgId, at, payload FROM events
         WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
        orgId,
        afterSeq,
        limit,
      )
      .map(({ payload, ...row }) => ({ ...row, event: JSON.parse(payload) as HubEvent }));
  }

  lastEventSeq(orgId: string): number {
    return this.#sql
      .sql('SELECT coalesce(max(seq), 0) FROM events WHERE org_id = ?')
      .pluck()
      .get(orgId) as number;
  }

  pruneEvents(before: number): number {
    return this.#sql.sql('DELETE FROM events WHERE at < ?').run(before).changes;
  }
}
