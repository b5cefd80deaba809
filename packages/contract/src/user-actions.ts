import { z } from 'zod';
import { ActivationErrorCode, Id, IsoDateTime, UserStatus } from './domain.ts';
import { pageOf, PageNumber } from './paging.ts';

/** `PUT /api/v1/users/{id}/message-service`: the "Message Service" switch. */
export const MessageServiceBody = z.strictObject({ enabled: z.boolean() });
export type MessageServiceBody = z.infer<typeof MessageServiceBody>;

/** `GET /api/v1/users/{id}/history` query: newest first, paged. */
export const HistoryQuery = z.strictObject({
  page: PageNumber,
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/** One line of a user's history (SPEC "See history"): never rewritten. */
export const HistoryEntry = z.object({
  id: Id,
  at: IsoDateTime,
  /** `system`, or the administrator who acted. */
  actor: z.string(),
  fromStatus: UserStatus.nullable(),
  toStatus: UserStatus,
  code: ActivationErrorCode.nullable(),
  message: z.string(),
  cluster: z.object({ id: Id, name: z.string() }).nullable(),
  node: z.object({ id: Id, hostname: z.string() }).nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryResponse = pageOf(HistoryEntry);
export type HistoryResponse = z.infer<typeof HistoryResponse>;

export const DiagnosticResult = z.enum(['pass', 'fail', 'not applicable']);
export type DiagnosticResult = z.infer<typeof DiagnosticResult>;

/** The guide's "Per User Checks" and "IM and Presence Service Checks", in this order. */
export const DiagnosticCheckId = z.enum([
  'entitled',
  'foundOnPremises',
  'mailidPresent',
  'mailidMatches',
  'homedOnOneCluster',
  'noDuplicateJidAccount',
  'homeNodeOperational',
  'axlReachable',
  'certificateValid',
  'connectorRunning',
]);
export type DiagnosticCheckId = z.infer<typeof DiagnosticCheckId>;

export const DiagnosticCheck = z.object({
  id: DiagnosticCheckId,
  /** The question, as the checklist shows it ("Entitled for Hybrid Message?"). */
  name: z.string(),
  result: DiagnosticResult,
  /** What was found, in plain words. */
  detail: z.string(),
  /** The guide's remedy; null when the check passed or does not apply. */
  remedy: z.string().nullable(),
});
export type DiagnosticCheck = z.infer<typeof DiagnosticCheck>;

/** `GET /api/v1/users/{id}/diagnostics`. */
export const DiagnosticsResponse = z.object({
  userId: Id,
  ranAt: IsoDateTime,
  checks: z.array(DiagnosticCheck),
  /** One sentence: all passed, or the first failing check. */
  summary: z.string(),
});
export type DiagnosticsResponse = z.infer<typeof DiagnosticsResponse>;

/** `GET /api/v1/users/status-counts`: users of the organization per status. */
export const UserStatusCounts = z.object({
  total: z.number().int().nonnegative(),
  byStatus: z.record(UserStatus, z.number().int().nonnegative()),
});
export type UserStatusCounts = z.infer<typeof UserStatusCounts>;

/**
 * `GET /api/v1/users/activity`: the organization's Message Service users by activity (SPEC
 * "Activity": active = used the service in the 72 hours up to now), for the Overview's chart.
 * Percentages are of `enabled`, 0 when none are.
 */
export const UserActivityTotals = z.object({
  /** Users with the Message Service switched on (any status). */
  enabled: z.number().int().nonnegative(),
  active: z.number().int().nonnegative(),
  activePercent: z.number().min(0).max(100),
  inactive: z.number().int().nonnegative(),
  inactivePercent: z.number().min(0).max(100),
});
export type UserActivityTotals = z.infer<typeof UserActivityTotals>;

/** `GET /api/v1/users/export.csv` query. */
export const UserExportQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: UserStatus.optional(),
});
export type UserExportQuery = z.infer<typeof UserExportQuery>;

/** Export CSV columns (SPEC "Export CSV"), in order. */
export const USER_EXPORT_COLUMNS = [
  'User',
  'Email',
  'Status',
  'Error code',
  'Error message',
  'Cluster',
  'Node',
  'Last activity',
] as const;
