import { test as base, expect, type APIRequestContext } from '@playwright/test';
import {
  ClusterListResponse,
  Job,
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

  async clusters() {
    const response = await this.request.get('/api/v1/clusters');
    expect(response.ok()).toBeTruthy();
    return ClusterListResponse.parse(await response.json()).items;
  }
}

export const test = base.extend<{ api: Api }>({
  api: async ({ request }, use) => {
    await use(new Api(request));
  },
});

export { expect };
