import type { Page } from '@playwright/test';

export type PageKind = 'overview' | 'users' | 'cluster';

/**
 * Waits, inside the page, until its content shows, and answers when that was in the page's
 * clock (ms since the navigation started). Checked on every animation frame, so the figure is
 * the frame it appeared in, not a polling interval later.
 *   - overview: the four status tiles show their counts and no section is still loading;
 *   - users: ten rows of the Users grid;
 *   - cluster: the cluster's name as the title, and its nodes' rows.
 */
export async function contentVisible(page: Page, kind: PageKind): Promise<number> {
  const handle = await page.waitForFunction(
    (which) => {
      const shown = (() => {
        if (which === 'users') {
          const rows = document.querySelectorAll('[role="grid"] [role="row"]');
          return [...rows].filter((row) => row.querySelector('[role="gridcell"]')).length >= 10;
        }
        if (which === 'overview') {
          const tiles = document.querySelectorAll('ul[aria-label="Users by status"] > li');
          return (
            tiles.length === 4 &&
            [...tiles].every((tile) => /\d/.test(tile.textContent ?? '')) &&
            document.querySelector('ul[aria-label="Users by status"] .MuiSkeleton-root') === null &&
            // A section still loading shows "Loading …" in a status (LoadingState).
            ![...document.querySelectorAll('main [role="status"]')].some((status) =>
              (status.textContent ?? '').startsWith('Loading'),
            )
          );
        }
        const title = document.querySelector('main h1')?.textContent ?? '';
        return (
          title !== '' &&
          title !== 'Cluster' &&
          document.querySelector('main table tbody tr') !== null
        );
      })();
      return shown ? performance.now() : false;
    },
    kind,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}
