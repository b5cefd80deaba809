import { expect, test } from './fixtures.ts';

// SPEC "Events": a browser allows 6 HTTP/1.1 connections per host across all its tabs. If every
// tab held its own event stream, the seventh tab could load nothing; the tabs share one instead.
test.describe('An admin with many tabs open', () => {
  test('eight tabs share one event stream, all load, and all see a change live', async ({
    page,
    api,
    request,
  }) => {
    test.setTimeout(60_000);
    const context = page.context();
    const streams: string[] = [];
    context.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/events') streams.push(r.url());
    });

    const { items } = await api.users({ status: 'Active', pageSize: 1 });
    const { id, displayName } = items[0]!;
    const tabs = [page, ...(await Promise.all(Array.from({ length: 7 }, () => context.newPage())))];
    for (const tab of tabs) {
      await tab.goto(`/users/${id}`);
      await expect(tab.getByRole('heading', { level: 1, name: displayName })).toBeVisible();
    }
    const status = (tab: (typeof tabs)[number]) =>
      tab.getByRole('heading', { level: 1, name: displayName }).locator('..');
    await expect(status(tabs[7]!).getByText('Active', { exact: true })).toBeVisible();
    expect(streams, 'one stream for all the tabs').toHaveLength(1);

    // Someone switches the user off elsewhere: the first and the last tab both show it.
    const off = await request.put(`/api/v1/users/${id}/message-service`, {
      data: { enabled: false },
    });
    expect(off.ok()).toBeTruthy();
    for (const tab of [tabs[0]!, tabs[7]!]) {
      await expect(status(tab).getByText('Not activated', { exact: true })).toBeVisible();
    }

    // The tab holding the stream closes: another takes over, resuming where it left off.
    await tabs[0]!.close();
    const on = await request.put(`/api/v1/users/${id}/message-service`, {
      data: { enabled: true },
    });
    expect(on.ok()).toBeTruthy();
    await expect(status(tabs[7]!).getByText(/^(Pending|Active)$/)).toBeVisible();
    await expect(status(tabs[7]!).getByText('Active', { exact: true })).toBeVisible({
      timeout: 20_000,
    });
    expect(streams.length, 'a new leader opened the stream').toBe(2);
  });
});
