import { z } from 'zod';
import { ActivationErrorCode, Id, IsoDateTime, UserStatus } from './domain.ts';
import { pageOf, PageNumber, PageSize } from './paging.ts';
import { BULK_MAX_IDS } from './vocabulary.ts';

export const BulkAction = z.enum(['activate', 'deactivate', 'reactivate']);
export type BulkAction = z.infer<typeof BulkAction>;

/** The value of an `Idempotency-Key` header (headers.ts). */
export const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7E]{8,128}$/, 'must be 8 to 128 visible ASCII characters (a UUID will do)');

/** The users a bulk job acts on: named rows, or every user matching a filter (all pages). */
export const BulkSelection = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ids'),
    ids: z.array(Id).min(1).max(BULK_MAX_IDS),
  }),
  z.strictObject({
    kind: z.literal('filter'),
    q: z.string().trim().max(200).optional(),
    status: UserStatus.optional(),
  }),
]);
export type BulkSelection = z.infer<typeof BulkSelection>;

/** `POST /api/v1/users/bulk`. */
export const BulkRequest = z.strictObject({
  action: BulkAction,
  selection: BulkSelection,
});
export type BulkRequest = z.infer<typeof BulkRequest>;

/**
 * `applying`: the switch is being changed user by user; `settling`: waiting for the users it made
 * Pending to turn Active or Error; `completed`: every user has an outcome.
 */
export const JobState = z.enum(['applying', 'settling', 'completed']);
export type JobState = z.infer<typeof JobState>;

/** `GET /api/v1/jobs/{id}`: progress and, once completed, the honest result. */
export const Job = z.object({
  id: Id,
  action: BulkAction,
  state: JobState,
  actor: z.string(),
  createdAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  /** Users in the selection when the job started. */
  total: z.number().int().nonnegative(),
  /** Users whose switch the job has changed (or found already as asked). */
  processed: z.number().int().nonnegative(),
  /** Users with an outcome: succeeded + failed + unchanged. */
  settled: z.number().int().nonnegative(),
  /** Activated (Active), deactivated, or reactivated and Active again. */
  succeeded: z.number().int().nonnegative(),
  /** Ended in Error, or could not be changed (see the failures). */
  failed: z.number().int().nonnegative(),
  /** Already as asked (activate an Active user, deactivate a Not activated one): nothing to do. */
  unchanged: z.number().int().nonnegative(),
  /** "4,980 activated, 20 failed" — present on every state, final once completed. */
  summary: z.string(),
});
export type Job = z.infer<typeof Job>;

export const JobFailuresQuery = z.strictObject({ page: PageNumber, pageSize: PageSize });
export type JobFailuresQuery = z.infer<typeof JobFailuresQuery>;

/** One user the job could not bring to the asked state, and why. */
export const JobFailure = z.object({
  userId: Id,
  displayName: z.string(),
  email: z.string(),
  status: UserStatus,
  code: ActivationErrorCode.nullable(),
  message: z.string(),
});
export type JobFailure = z.infer<typeof JobFailure>;

export const JobFailuresResponse = pageOf(JobFailure);
export type JobFailuresResponse = z.infer<typeof JobFailuresResponse>;

export const JobIdParams = z.strictObject({ id: Id });
