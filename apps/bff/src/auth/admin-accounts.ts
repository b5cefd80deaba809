import { randomUUID } from 'node:crypto';
import type { AdminRole } from '@hybrid-hub/contract';
import { DEMO_ADMINS, DEMO_PASSWORD, type Clock, type Store } from '@hybrid-hub/engine';
import type { AdminAccountStore } from './auth-store.ts';
import { hashPassword } from './passwords.ts';

export interface NewAdmin {
  orgId: string;
  email: string;
  name: string;
  role: AdminRole;
  password: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Creates a console account; the password is kept only as its Argon2id hash. */
export async function createAdminAccount(
  accounts: AdminAccountStore,
  organizations: Pick<Store, 'getOrganization'>,
  admin: NewAdmin,
  clock: Clock,
): Promise<void> {
  const email = admin.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new Error(`${admin.email} is not an email address.`);
  if (!(await organizations.getOrganization(admin.orgId))) {
    throw new Error(`There is no organization ${admin.orgId}.`);
  }
  if (await accounts.findAdminByEmail(email)) {
    throw new Error(`An administrator with the email ${email} exists already.`);
  }
  await accounts.insertAdmin({
    id: randomUUID(),
    orgId: admin.orgId,
    email,
    name: admin.name.trim() || email,
    role: admin.role,
    passwordHash: await hashPassword(admin.password),
    createdAt: clock.now(),
  });
}

/**
 * The demo organizations' accounts, created with the demo seed and only then: when the demo is
 * on, its organizations exist, and the database has no account yet (a database that holds real
 * accounts never gets demo ones). Returns whether it created them.
 */
export async function seedDemoAdmins(
  accounts: AdminAccountStore,
  organizations: Pick<Store, 'getOrganization'>,
  clock: Clock,
): Promise<boolean> {
  if ((await accounts.countAdmins()) > 0) return false;
  for (const admin of DEMO_ADMINS) {
    if (!(await organizations.getOrganization(admin.orgId))) return false;
  }
  for (const admin of DEMO_ADMINS) {
    await createAdminAccount(accounts, organizations, { ...admin, password: DEMO_PASSWORD }, clock);
  }
  return true;
}
