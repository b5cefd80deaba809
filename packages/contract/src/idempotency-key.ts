import { IdempotencyKey } from './jobs.ts';
import { InvalidRequestError } from './request-errors.ts';

/** The request's `Idempotency-Key` header, checked; undefined without one. */
export function idempotencyKeyOf(header: string | null | undefined): string | undefined {
  if (header == null) return undefined;
  const parsed = IdempotencyKey.safeParse(header);
  if (!parsed.success) {
    throw new InvalidRequestError([
      { field: 'headers.idempotency-key', message: parsed.error.issues[0]!.message },
    ]);
  }
  return parsed.data;
}
