import { InvalidRequestError, PreconditionRequiredError } from './request-errors.ts';

/** A revision as an entity tag: what the ETag header says and If-Match sends back. */
export function entityTag(revision: number): string {
  return `"${revision}"`;
}

/**
 * The revision an `If-Match` header names: `"7"` as the ETag header gave it (a bare `7` is
 * accepted too). Without the header the request cannot be guarded: 428. A weak or listed tag,
 * or `*`, names no single revision: 400.
 */
export function revisionOfIfMatch(header: string | null | undefined): number {
  if (header == null || header.trim() === '') throw new PreconditionRequiredError();
  const match = /^(?:"(\d{1,15})"|(\d{1,15}))$/.exec(header.trim());
  if (!match) {
    throw new InvalidRequestError([
      {
        field: 'headers.if-match',
        message: 'must name the revision in quotes, as the ETag header gives it (for example "3")',
      },
    ]);
  }
  return Number(match[1] ?? match[2]);
}
