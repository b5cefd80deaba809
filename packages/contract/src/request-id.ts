import { z } from 'zod';

/**
 * What a client's own `X-Request-Id` (headers.ts) may hold for the BFF to keep it (as
 * `clientRequestId`), and what the audit log's request-id filter accepts: 1 to 64 letters,
 * digits and `. _ : -` — a UUID, `req-42`, a proxy's trace id.
 */
export const RequestId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1 to 64 letters, digits or . _ : -');
export type RequestId = z.infer<typeof RequestId>;
