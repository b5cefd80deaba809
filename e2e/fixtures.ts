import { test as base, expect, type APIRequestContext } from '@playwright/test';
import {
  ClusterListResponse,
  CSRF_HEADER,
  Job,
  Session,
  UserDetail,
  UserListResponse,
  type BulkRequest,
  type UserListQueryInput,
} from '../packages/contract/src/index.ts';

/**
 * Tests look up real data through the same API the SPA uses, then drive the SPA as an admin
 * would — so they never depend on a hard-coded demo row.
 */
export class Api {
  constructor(private readonly request: APIRequestContext) {}

  async users(query: UserListQueryInput = {}) {
    const params = new URLSearchParams(
      Object.entries(query).map(([key, value]) => [key, String(value)]),
    );
    const response = await this.request.get(`/api/v1/users?${params}`);
    expect(response.ok()).toBeTruthy();
    return UserListResponse.parse(await response.json());
  }

  async user(id: string) {
    const response = await this.request.get(`/api/v1/users/${id}`);
    expect(response.ok()).toBeTruthy();
    return UserDetail.parse(await response.json());
  }

  /** Every user in a status, across pages (for picking a user with a particular error). */
  async *usersIn(status: 'Active' | 'Error' | 'Pending' | 'Not activated') {
    for (let page = 1; ; page++) {
      const { items, total } = await this.users({ status, page, pageSize: 100 });
      yield* items;
      if (page * 100 >= total) return;
    }
  }

  /** Runs a bulk job through the API and waits until every user has an outcome. */
  async bulk(request: BulkRequest): Promise<Job> {
    const started = await this.request.post('/api/v1/users/bulk', { data: request });
    expect(started.status()).toBe(202);
    let job = Job.parse(await started.json());
    await expect
      .poll(
        async () => {
          job = Job.parse(await (await this.request.get(`/api/v1/jobs/${job.id}`)).json());
          return job.state;
        },
        { timeout: 30_000 },
      )
      .toBe('completed');
    return job;
  }

  /** Reactivate User through the API; the status it was answered with. */
  async reactivate(id: string): Promise<number> {
    return (await this.request.post(`/api/v1/users/${id}/reactivate`)).status();
  }

  async clusters() {
    const response = await this.request.get('/api/v1/clusters');
    expect(response.ok()).toBeTruthy();
    return ClusterListResponse.parse(await response.json()).items;
  }
}

/** Every demo account's password (SPEC "Demo organizations"). */
export const DEMO_PASSWORD = 'hybrid-demo';

interface SignedIn {
  cookie: { name: string; value: string };
  session: Session;
}

/** Signs in through the API, as the sign-in page does, and returns the session's cookie. */
export async function signIn(baseURL: string, email: string): Promise<SignedIn> {
  const response = await fetch(new URL('/api/v1/session', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status, `signing in as ${email}`).toBe(201);
  const [name, value] = response.headers.getSetCookie()[0]!.split(';')[0]!.split('=') as [
    string,
    string,
  ];
  return { cookie: { name, value }, session: Session.parse(await response.json()) };
}

interface Fixtures {
  /**
   * Who the test is signed in as, in the browser and in `request`/`api`: a new session for each
   * test (Acme's Full administrator by default; `test.use({ account: null })` for nobody).
   */
  account: string | null;
  signedIn: SignedIn | null;
  api: Api;
}

export const test = base.extend<Fixtures>({
  account: ['admin@acme.example', { option: true }],
  signedIn: async ({ account, baseURL }, use) => {
    await use(account ? await signIn(baseURL!, account) : null);
  },
  // The session cookie, for the browser and for the `request` fixture alike.
  storageState: async ({ signedIn, baseURL }, use) => {
    const { hostname } = new URL(baseURL!);
    await use({
      cookies: signedIn
        ? [
            {
              ...signedIn.cookie,
              domain: hostname,
              path: '/',
              expires: -1,
              httpOnly: true,
              secure: false,
              sameSite: 'Strict',
            },
          ]
        : [],
      origins: [],
    });
  },
  // The session's CSRF token on every request of `request`/`api` (the SPA sends its own).
  extraHTTPHeaders: async ({ signedIn }, use) => {
    await use(signedIn ? { [CSRF_HEADER]: signedIn.session.csrfToken } : {});
  },
  api: async ({ request }, use) => {
    await use(new Api(request));
  },
});

export { expect };
