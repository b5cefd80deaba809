import type {
  AuditAction,
  AuditEntry,
  AuditExportQuery,
  AuditListQuery,
  AuditListResponse,
  AuditOutcome,
  AuditTarget,
  AdminRole,
} from '@hybrid-hub/contract';

/** An entry as the audit trail hands it over; the store gives it its id and keeps its time. */
export interface NewAuditEntry {
  orgId: string;
  /** When the outcome was known (ms, wall clock). */
  at: number;
  actor: { email: string; role: AdminRole };
  action: AuditAction;
  detail: string | null;
  target: AuditTarget | null;
  result: { outcome: AuditOutcome; status: number; code: string | null };
  clientAddress: string;
  /** The request's X-Request-Id (req.id in the log); null where none was given (no pino-http). */
  requestId: string | null;
  /** The X-Request-Id the client or a proxy sent, when valid (clientRequestId in the log). */
  clientRequestId?: string | null;
}

/**
 * Where the audit log is kept: the BFF's port, asynchronous like the engine's Store so that a
 * PostgreSQL implementation (replicas sharing one log) fits it. Append-only by construction:
 * there is no method to change or remove an entry, and the SQLite tables refuse it too.
 */
export interface AuditStore {
  appendAuditEntry(entry: NewAuditEntry): Promise<AuditEntry>;
  /** One organization's entries, newest first, filtered, one page. */
  listAuditEntries(orgId: string, query: AuditListQuery): Promise<AuditListResponse>;
  /** Every entry the filters match, newest first, in batches (the CSV export streams them). */
  exportAuditEntries(
    orgId: string,
    query: AuditExportQuery,
    batchSize?: number,
  ): AsyncIterable<AuditEntry[]>;
}
