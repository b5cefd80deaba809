import type {
  AdminRole,
  AuditAction,
  AuditEntry,
  AuditExportQuery,
  AuditOutcome,
  AuditTargetKind,
} from '@hybrid-hub/contract';

/** An audit entry's row as both stores read it (PostgreSQL names its id `seq` in the select). */
export interface AuditRow {
  org_id: string;
  seq: number;
  at: number;
  actor_email: string;
  actor_role: string;
  action: string;
  detail: string | null;
  target_kind: string | null;
  target_id: string | null;
  target_label: string | null;
  outcome: string;
  status: number;
  problem_code: string | null;
  client_address: string;
  request_id: string | null;
  client_request_id: string | null;
}

export function entryOf(row: AuditRow): AuditEntry {
  return {
    id: String(row.seq),
    at: new Date(row.at).toISOString(),
    actor: { email: row.actor_email, role: row.actor_role as AdminRole },
    organizationId: row.org_id,
    action: row.action as AuditAction,
    detail: row.detail,
    target:
      row.target_kind === null || row.target_id === null
        ? null
        : {
            kind: row.target_kind as AuditTargetKind,
            id: row.target_id,
            label: row.target_label,
          },
    result: {
      outcome: row.outcome as AuditOutcome,
      status: row.status,
      code: row.problem_code,
    },
    clientAddress: row.client_address,
    requestId: row.request_id,
    clientRequestId: row.client_request_id,
  };
}

export type AuditFilters = Omit<AuditExportQuery, 'from' | 'to'>;

/** The filters other than time, as equalities on the columns each served by its own index. */
export function auditFilterColumns(query: AuditFilters): { column: string; value: string }[] {
  const terms: { column: string; value: string }[] = [];
  if (query.actor !== undefined) terms.push({ column: 'actor_email', value: query.actor });
  if (query.action !== undefined) terms.push({ column: 'action', value: query.action });
  if (query.targetId !== undefined) terms.push({ column: 'target_id', value: query.targetId });
  if (query.result !== undefined) terms.push({ column: 'outcome', value: query.result });
  // The server's id only, never the client's own (client_request_id): two admins may send the
  // same one, and the id an answer carried must find that request's entry alone.
  if (query.requestId !== undefined) terms.push({ column: 'request_id', value: query.requestId });
  return terms;
}
