import { z } from 'zod';
import { Id } from './domain.ts';
import { Organization } from './organization.ts';
import { AdminRole } from './roles.ts';

/** `POST /api/v1/session`: sign in. */
export const SignInRequest = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** The signed-in administrator. */
export const SessionAdmin = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: AdminRole,
});
export type SessionAdmin = z.infer<typeof SessionAdmin>;

/**
 * `GET /api/v1/session` (and the answer to signing in): who is signed in, for which organization,
 * and the token that every state-changing request must echo in `X-CSRF-Token`.
 */
export const Session = z.object({
  admin: SessionAdmin,
  organization: Organization,
  csrfToken: z.string().min(16),
  /** The session ends after this long without a request. */
  idleTimeoutSeconds: z.number().int().positive(),
  /** The session ends at this time whatever happens (ISO 8601). */
  expiresAt: z.iso.datetime(),
});
export type Session = z.infer<typeof Session>;
