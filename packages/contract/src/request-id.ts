import { z } from 'zod';

/**
 * The header naming one API request: sent back on every answer, kept in the log and with the
 * request's audit entry, and in a problem's `requestId`. A client (or a proxy) may send its own;
 * the BFF keeps it when it matches `RequestId`, and makes a new one otherwise.
 */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** 1 to 64 letters, digits and `. _ : -`: a UUID, `req-42`, a proxy's trace id. */
export const RequestId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1 to 64 letters, digits or . _ : -');
export type RequestId = z.infer<typeof RequestId>;
