import { DEMO_ADMINS, DEMO_PASSWORD, type DemoAdmin } from '@hybrid-hub/engine';

/** The CSRF token the mock hands out; the handlers check it as the BFF does. */
export const MOCK_CSRF_TOKEN = 'mock-csrf-token-0123456789';

/**
 * Who is signed in to the mock API (one browser, one session): the demo accounts with the demo
 * password, as in the BFF's demo. Tests sign in as another role with `signInAs`.
 */
export class MockSession {
  #admin: DemoAdmin | undefined;

  constructor(initial: DemoAdmin | undefined = defaultAdmin('acme')) {
    this.#admin = initial;
  }

  get admin(): DemoAdmin | undefined {
    return this.#admin;
  }

  /** Checks demo credentials; the same failure for an unknown email and a wrong password. */
  signIn(email: string, password: string): DemoAdmin | undefined {
    const admin = DEMO_ADMINS.find((a) => a.email === email.trim().toLowerCase());
    if (!admin || password !== DEMO_PASSWORD) return undefined;
    this.#admin = admin;
    return admin;
  }

  /** Signs in without a password (tests), or signs out with `undefined`. */
  signInAs(email: string | undefined): void {
    if (email === undefined) {
      this.#admin = undefined;
      return;
    }
    const admin = DEMO_ADMINS.find((a) => a.email === email);
    if (!admin) throw new Error(`no demo account ${email}`);
    this.#admin = admin;
  }
}

/** The organization's Full administrator among the demo accounts. */
export function defaultAdmin(orgId: string): DemoAdmin | undefined {
  return DEMO_ADMINS.find((a) => a.orgId === orgId && a.role === 'full-admin');
}
