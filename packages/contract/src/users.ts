import { z } from 'zod';
import { ActivationErrorCode, Id, IsoDateTime, UserStatus } from './domain.ts';
import { PageNumber, PageSize } from './paging.ts';

export const UserSortField = z.enum(['name', 'email', 'status', 'lastActivity']);
export type UserSortField = z.infer<typeof UserSortField>;

/** `name` sorts ascending, `-name` descending. */
export const UserSort = z
  .string()
  .regex(
    /^-?(name|email|status|lastActivity)$/,
    'must be name, email, status or lastActivity, optionally prefixed by -',
  )
  .default('name');
export type UserSort = z.infer<typeof UserSort>;

export function parseUserSort(sort: string): { field: UserSortField; direction: 'asc' | 'desc' } {
  const descending = sort.startsWith('-');
  return {
    field: UserSortField.parse(descending ? sort.slice(1) : sort),
    direction: descending ? 'desc' : 'asc',
  };
}

/**
 * `GET /api/v1/users` query. `q` matches any part of the name or email, through an index
 * (docs/decisions/005-users-search.md). `cursor` (from a previous page's `nextCursor` or
 * `prevCursor`) switches to keyset paging so the last page is as fast as the first;
 * without it, `page` is used.
 */
export const UserListQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(
      'Search: a whole email address finds its user alone; otherwise every word (split on spaces) must match the name or email, case and accents aside — words of 3 characters or more anywhere, shorter ones at the start of a word.',
    ),
  status: UserStatus.optional(),
  sort: UserSort,
  page: PageNumber,
  pageSize: PageSize,
  cursor: z.string().max(512).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;
export type UserListQueryInput = z.input<typeof UserListQuery>;

export const Entitlements = z.object({
  hybridMessage: z.boolean(),
  messageFree: z.boolean(),
});
export type Entitlements = z.infer<typeof Entitlements>;

export const Assignment = z.object({
  clusterId: Id,
  clusterName: z.string(),
  nodeId: Id,
  nodeHostname: z.string(),
});
export type Assignment = z.infer<typeof Assignment>;

/** One row of the Users table. */
export const UserSummary = z.object({
  id: Id,
  displayName: z.string(),
  email: z.string(),
  messageServiceEnabled: z.boolean(),
  status: UserStatus,
  errorCode: ActivationErrorCode.nullable(),
  assignment: Assignment.nullable(),
  lastActivityAt: IsoDateTime.nullable(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const UserListResponse = z.object({
  items: z.array(UserSummary),
  total: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  /** Opaque keyset cursors for the adjacent pages; null at either end. */
  nextCursor: z.string().nullable(),
  prevCursor: z.string().nullable(),
});
export type UserListResponse = z.infer<typeof UserListResponse>;

export const UserError = z.object({
  code: ActivationErrorCode,
  /** Plain words for the admin: what went wrong. */
  message: z.string(),
  /** What to do about it (the guide's remedy). */
  remedy: z.string(),
  /** True when the service retries by itself; false when the admin must act. */
  retriedAutomatically: z.boolean(),
});
export type UserError = z.infer<typeof UserError>;

export const HomeImpNode = z.object({
  impNodeId: Id,
  address: z.string(),
  impClusterId: Id,
  impClusterName: z.string(),
});
export type HomeImpNode = z.infer<typeof HomeImpNode>;

/** `GET /api/v1/users/{id}`. */
export const UserDetail = UserSummary.extend({
  entitlements: Entitlements,
  error: UserError.nullable(),
  homeImpNode: HomeImpNode.nullable(),
  /** Used the service within the 72 hours up to now. */
  activeWithin72Hours: z.boolean(),
  updatedAt: IsoDateTime,
  /** Optimistic-concurrency version, bumped on every change. */
  version: z.number().int().nonnegative(),
});
export type UserDetail = z.infer<typeof UserDetail>;

export const UserIdParams = z.strictObject({ id: Id });
