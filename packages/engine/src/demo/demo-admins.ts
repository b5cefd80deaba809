import type { AdminRole } from '@hybrid-hub/contract';

export interface DemoAdmin {
  email: string;
  name: string;
  role: AdminRole;
  orgId: string;
}

/**
 * The demo organizations' console accounts (SPEC "Demo organizations"): one of each role in
 * Acme, a Full administrator in Globex. Demo only, never in production: the BFF creates them
 * only with the demo seed, and a real deployment creates its first administrator by command.
 */
export const DEMO_ADMINS: readonly DemoAdmin[] = [
  { email: 'admin@acme.example', name: 'Acme Administrator', role: 'full-admin', orgId: 'acme' },
  {
    email: 'readonly@acme.example',
    name: 'Acme Read-only',
    role: 'read-only-admin',
    orgId: 'acme',
  },
  { email: 'support@acme.example', name: 'Acme Support', role: 'support-admin', orgId: 'acme' },
  {
    email: 'admin@globex.example',
    name: 'Globex Administrator',
    role: 'full-admin',
    orgId: 'globex',
  },
];

/** Every demo account's password, printed at start and in the README. */
export const DEMO_PASSWORD = 'hybrid-demo';
