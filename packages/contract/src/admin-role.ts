import { z } from 'zod';

/**
 * The console's administrator roles, as sessions and audit entries carry them. A module of their
 * own, with the schema: roles.ts (what each role may do) re-exports them and stays free of zod.
 */
export const ADMIN_ROLES = ['full-admin', 'read-only-admin', 'support-admin'] as const;
export const AdminRole = z.enum(ADMIN_ROLES);
export type AdminRole = z.infer<typeof AdminRole>;
