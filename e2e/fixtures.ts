import { test as base, expect, type APIRequestContext } from '@playwright/test';
import {
  ClusterListResponse,
  UserListResponse,
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
