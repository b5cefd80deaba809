import {
  AuditAction,
  AuditOutcome,
  RequestId,
  type AuditListQueryInput,
} from '@hybrid-hub/contract';

export const AUDIT_PAGE_SIZE = 50;

/**
 * The Audit log page's filters as the URL holds them (`?actor=&action=&targetId=&result=&from=
 * &to=&requestId=&page=`), so a filtered view can be linked to. Dates are calendar days in the browser's
 * time zone (`2025-05-01`), both ends included.
 */
export interface AuditFilters {
  actor?: string;
  action?: AuditAction;
  targetId?: string;
  result?: AuditOutcome;
  from?: string;
  to?: string;
  /** One request's entry, by the X-Request-Id its answer carried. */
  requestId?: string;
  page: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(value: string | null): string | undefined {
  if (!value || !DAY.test(value)) return undefined;
  return Number.isNaN(new Date(`${value}T00:00:00`).getTime()) ? undefined : value;
}

export function auditFiltersOf(params: URLSearchParams): AuditFilters {
  const action = AuditAction.safeParse(params.get('action'));
  const result = AuditOutcome.safeParse(params.get('result'));
  const requestId = RequestId.safeParse(params.get('requestId')?.trim());
  const page = Number(params.get('page'));
  return {
    actor: params.get('actor')?.trim() || undefined,
    action: action.success ? action.data : undefined,
    targetId: params.get('targetId')?.trim() || undefined,
    result: result.success ? result.data : undefined,
    from: dayOf(params.get('from')),
    to: dayOf(params.get('to')),
    requestId: requestId.success ? requestId.data : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The URL's search parameters for `filters`: only what is set, the first page left out. */
export function auditSearchOf(filters: AuditFilters): Record<string, string> {
  const search: Record<string, string> = {};
  for (const key of ['actor', 'action', 'targetId', 'result', 'from', 'to', 'requestId'] as const) {
    const value = filters[key];
    if (value) search[key] = value;
  }
  if (filters.page > 1) search.page = String(filters.page);
  return search;
}

export function hasFilters(filters: AuditFilters): boolean {
  return Object.keys(auditSearchOf({ ...filters, page: 1 })).length > 0;
}

/** Midnight at the start of a calendar day in the browser's time zone, as an instant. */
function startOfDay(day: string, plusDays = 0): string {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

/**
 * What the API is asked, for the list and the export alike: the days become instants, the last
 * day included whole. The page is the list's own.
 */
export function auditQueryOf(filters: AuditFilters): Omit<AuditListQueryInput, 'page'> {
  return {
    actor: filters.actor,
    action: filters.action,
    targetId: filters.targetId,
    result: filters.result,
    from: filters.from && startOfDay(filters.from),
    to: filters.to && startOfDay(filters.to, 1),
    requestId: filters.requestId,
  };
}
