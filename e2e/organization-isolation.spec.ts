import { UserListResponse } from '../packages/contract/src/index.ts';
import { expect, signIn, test } from './fixtures.ts';

test.use({ account: 'admin@globex.example' });

test.describe('A Globex administrator never sees Acme', () => {
  test('lists, links, exports and the API keep to Globex; Acme ids are not found', async ({
    page,
    api,
    baseURL,
  }) => {
    // What Acme has, read by Acme's own administrator.
    const acme = await signIn(baseURL!, 'admin@acme.example');
    const acmeHeaders = { cookie: `${acme.cookie.name}=${acme.cookie.value}` };
    const acmeUsers = UserListResponse.parse(
      await (
        await fetch(new URL('/api/v1/users?pageSize=5', baseURL), { headers: acmeHeaders })
      ).json(),
    );
    const acmeUser = acmeUsers.items[0]!;
    const acmeClusters = (await (
      await fetch(new URL('/api/v1/clusters', baseURL), { headers: acmeHeaders })
    ).json()) as { items: { id: string; name: string }[] };
    const acmeCluster = acmeClusters.items[0]!;

    // The Globex session: its users only.
    const globexUsers = await api.users({ pageSize: 100 });
    expect(globexUsers.total).toBeGreaterThan(0);
    expect(globexUsers.items.every((u) => u.email.endsWith('@globex.example'))).toBe(true);
    expect((await api.users({ q: acmeUser.email })).total).toBe(0);

    await page.goto('/users');
    await expect(page.getByTestId('organization-name')).toHaveText('Globex');
    await expect(
      page.getByText(`${globexUsers.total.toLocaleString('en-US')} users`),
    ).toBeVisible();
    await expect(page.getByText(/@acme\.example/)).toHaveCount(0);

    // Links to Acme's user and cluster: not found, as if they did not exist.
    await page.goto(`/users/${acmeUser.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'User not found' })).toBeVisible();
    await expect(page.getByText(acmeUser.displayName)).toHaveCount(0);
    await page.goto(`/clusters/${acmeCluster.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Cluster not found' })).toBeVisible();

    // The API answers 404 for every Acme id, reads and changes alike.
    const request = page.request;
    for (const path of [
      `/api/v1/users/${acmeUser.id}`,
      `/api/v1/users/${acmeUser.id}/history`,
      `/api/v1/users/${acmeUser.id}/diagnostics`,
      `/api/v1/clusters/${acmeCluster.id}`,
    ]) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
    const reactivate = await api.reactivate(acmeUser.id);
    expect(reactivate).toBe(404);

    // The export holds Globex users only.
    const csv = await (await request.get('/api/v1/users/export.csv')).text();
    expect(csv).toContain('@globex.example');
    expect(csv).not.toContain('@acme.example');
  });
});
