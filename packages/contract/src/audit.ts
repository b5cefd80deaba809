import { z } from 'zod';
import { Id, IsoDateTime } from './domain.ts';
import { pageOf, PageNumber, PageSize } from './paging.ts';
import { RequestId } from './request-id.ts';
import { AdminRole } from './roles.ts';

/**
 * The audit log (SPEC "Audit log: who did what, when"): one entry per state-changing request
 * (every route that is not a GET), whatever its outcome — done, refused for the role, refused by
 * a rule, invalid. Entries are appended and never changed; each organization reads its own.
 */

/**
 * What each audited route is called in the log, by route name. Every route that is not a GET is
 * audited; audit-description.ts checks at compile time that this lists exactly those routes (here
 * the check would make the route table's type depend on itself).
 */
export const AUDIT_ACTION_LABELS = {
  signIn: 'Sign in',
  signOut: 'Sign out',
  startBulkJob: 'Bulk action',
  setMessageService: 'Message Service switch',
  reactivateUser: 'Reactivate User',
  restartMessageConnector: 'Restart Message Connector',
  setMaintenance: 'Maintenance mode',
  updateLabUser: 'Lab: change a user on premises',
  updateLabNode: 'Lab: change an Expressway node',
  updateLabImpNode: 'Lab: change an IM and Presence node',
  fallBackLabImpNode: 'Lab: fall back an IM and Presence node',
  removeLabImpNode: 'Lab: remove an IM and Presence node',
  addLabImpNode: 'Lab: add an IM and Presence node',
  updateLabPresenceGroup: 'Lab: change a presence redundancy group',
  advanceLabClock: 'Lab: fast-forward the clock',
} as const;

type AuditActionName = keyof typeof AUDIT_ACTION_LABELS;
export const AuditAction = z.enum(
  Object.keys(AUDIT_ACTION_LABELS) as [AuditActionName, ...AuditActionName[]],
);
export type AuditAction = z.infer<typeof AuditAction>;
export const AUDIT_ACTIONS = AuditAction.options;

export const AuditOutcome = z.enum(['succeeded', 'failed']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditTargetKind = z.enum([
  'user',
  'job',
  'cluster',
  'node',
  'imp-cluster',
  'imp-node',
  'presence-group',
]);
export type AuditTargetKind = z.infer<typeof AuditTargetKind>;

/** What a change was made to. `label` (an email, a hostname) when the answer carried it. */
export const AuditTarget = z.object({
  kind: AuditTargetKind,
  /** As the request named it: an id of another organization is recorded as asked (404). */
  id: z.string(),
  label: z.string().nullable(),
});
export type AuditTarget = z.infer<typeof AuditTarget>;

export const AuditEntry = z.object({
  /** Increasing within the organization: newer entries have larger ids. */
  id: Id,
  at: IsoDateTime,
  actor: z.object({ email: z.string(), role: AdminRole }),
  organizationId: Id,
  action: AuditAction,
  /** What the request asked for, in a few words ("on", "enter, forced", "activate 3 users"). */
  detail: z.string().nullable(),
  target: AuditTarget.nullable(),
  result: z.object({
    outcome: AuditOutcome,
    /** The HTTP status answered. */
    status: z.number().int(),
    /**
     * The problem's code when it failed (`forbidden`, `last_available_node`…). A plain string:
     * the log outlives any renaming of the codes.
     */
    code: z.string().nullable(),
  }),
  /** The client's address as the BFF saw it (the proxy's client address behind a proxy). */
  clientAddress: z.string(),
  /**
   * The request's `X-Request-Id`, as its answer and the BFF's log line carry it; null for
   * entries recorded before request ids were kept.
   */
  requestId: z.string().nullable(),
  /**
   * The `X-Request-Id` the client or a proxy sent, when it was valid (`RequestId`): kept beside
   * `requestId`, which the BFF always makes itself, since two clients may send the same one.
   * Null or absent when none was sent (and for entries recorded before these were kept).
   */
  clientRequestId: z.string().nullable().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** An empty query-string value (`?actor=`) is no filter, as a cleared field means. */
const optionalText = (max: number) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).max(max).optional());
const optionalTime = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.iso.datetime({ offset: true }).optional(),
);

const auditFilters = {
  /** The administrator's email, exactly (case does not matter). */
  actor: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), optionalText(320)),
  action: z.preprocess((v) => (v === '' ? undefined : v), AuditAction.optional()),
  /** The target's id, exactly (a user, node, cluster, job…). */
  targetId: optionalText(200),
  result: z.preprocess((v) => (v === '' ? undefined : v), AuditOutcome.optional()),
  /**
   * The request's `X-Request-Id`, exactly (from an answer's header or a problem's `requestId`):
   * the id the BFF made, never a client's own, so it finds one request's entry only.
   */
  requestId: z.preprocess((v) => (v === '' ? undefined : v), RequestId.optional()),
  /** Entries at or after this time (ISO 8601). */
  from: optionalTime,
  /** Entries before this time (ISO 8601, exclusive). */
  to: optionalTime,
};

const fromBeforeTo = (query: { from?: string; to?: string }) =>
  !query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to);
const FROM_BEFORE_TO = { message: 'must not be before from', path: ['to'] };

/** `GET /api/v1/audit`: newest first, filtered, a page at a time. */
export const AuditListQuery = z
  .strictObject({ ...auditFilters, page: PageNumber, pageSize: PageSize })
  .refine(fromBeforeTo, FROM_BEFORE_TO);
export type AuditListQuery = z.infer<typeof AuditListQuery>;
export type AuditListQueryInput = z.input<typeof AuditListQuery>;

/** `GET /api/v1/audit/export.csv`: every entry the filters match, newest first. */
export const AuditExportQuery = z.strictObject(auditFilters).refine(fromBeforeTo, FROM_BEFORE_TO);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AuditListResponse = pageOf(AuditEntry);
export type AuditListResponse = z.infer<typeof AuditListResponse>;

/** The audit export's columns, in order. */
export const AUDIT_EXPORT_COLUMNS = [
  'When',
  'Who',
  'Role',
  'Action',
  'Detail',
  'Target',
  'Target id',
  'Target name',
  'Result',
  'Status',
  'Problem',
  'From',
  'Request id',
  'Client request id',
] as const;
