import FileDownloadOutlinedIcon from '@mui/icons-material/FileDownloadOutlined';
import Button from '@mui/material/Button';
import type { MouseEvent } from 'react';
import { useNotify } from '../../../components/notifications.tsx';
import { hrefFor } from '../../../lib/api-client.ts';
import type { UserListFilters } from '../api/user-queries.ts';

/**
 * `vite --mode mock` only: msw's service worker lets downloads through to the network (it
 * does not answer navigations), where no BFF listens. There the file is fetched — which the
 * worker answers — and handed to the browser as a blob. Against the BFF the link is followed.
 */
async function downloadThroughMocks(href: string): Promise<void> {
  const response = await fetch(href);
  if (!response.ok) throw new Error(`The export failed (${response.status}).`);
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'users.csv';
  const url = URL.createObjectURL(await response.blob());
  const anchor = Object.assign(document.createElement('a'), { href: url, download: filename });
  anchor.click();
  URL.revokeObjectURL(url);
}

/**
 * Export CSV of the users matching the list's search and status filter. A plain link with
 * `download`: the browser streams the file from the server, so 200,000 rows never pass
 * through the page's memory.
 */
export function ExportCsvButton({ filters }: { filters: Pick<UserListFilters, 'q' | 'status'> }) {
  const notify = useNotify();
  const href = hrefFor('exportUsersCsv', { query: { q: filters.q, status: filters.status } });
  const scope = filters.q || filters.status ? 'the users matching the filter' : 'all users';
  const handleClick = (event: MouseEvent) => {
    if (import.meta.env.MODE !== 'mock') return;
    event.preventDefault();
    downloadThroughMocks(href).catch((error: unknown) =>
      notify(error instanceof Error ? error.message : 'The export failed.', 'error'),
    );
  };
  return (
    <Button
      variant="outlined"
      href={href}
      download
      onClick={handleClick}
      startIcon={<FileDownloadOutlinedIcon aria-hidden />}
      title={`Download ${scope}: name, email, status, error, cluster, node, last activity`}
    >
      Export CSV
    </Button>
  );
}
