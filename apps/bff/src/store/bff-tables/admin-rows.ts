import { AdminRole } from '@hybrid-hub/contract';
import type { AdminAccount, SessionWithAdmin } from '../../auth/auth-store.ts';

/** An administrator's row as both stores read it. */
export interface AdminRow {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: number;
}

/** A session's row joined with its administrator's. */
export interface SessionRow extends AdminRow {
  id_hash: string;
  admin_id: string;
  csrf_token: string;
  session_created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export const ADMIN_COLUMNS =
  'a.id, a.org_id, a.email, a.name, a.role, a.password_hash, a.created_at';

/** The select list of a session joined with its administrator (`sessions s JOIN admins a`). */
export const SESSION_COLUMNS = `s.id_hash, s.admin_id, s.csrf_token,
  s.created_at AS session_created_at, s.last_seen_at, s.expires_at, ${ADMIN_COLUMNS}`;

export function accountOf(row: AdminRow): AdminAccount {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: AdminRole.parse(row.role),
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

export function sessionOf(row: SessionRow): SessionWithAdmin {
  return {
    idHash: row.id_hash,
    adminId: row.admin_id,
    csrfToken: row.csrf_token,
    createdAt: row.session_created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    admin: accountOf(row),
  };
}
