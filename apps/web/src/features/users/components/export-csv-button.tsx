import FileDownloadOutlinedIcon from '@mui/icons-material/FileDownloadOutlined';
import Button from '@mui/material/Button';
import { hrefFor } from '../../../lib/api-client.ts';
import type { UserListFilters } from '../api/user-queries.ts';

/**
 * Export CSV of the users matching the list's search and status filter. A plain link with
 * `download`: the browser streams the file from the server, so 200,000 rows never pass
 * through the page's memory.
 */
export function ExportCsvButton({ filters }: { filters: Pick<UserListFilters, 'q' | 'status'> }) {
  const href = hrefFor('exportUsersCsv', { query: { q: filters.q, status: filters.status } });
  const scope = filters.q || filters.status ? 'the users matching the filter' : 'all users';
  return (
    <Button
      variant="outlined"
      href={href}
      download
      startIcon={<FileDownloadOutlinedIcon aria-hidden />}
      title={`Download ${scope}: name, email, status, error, cluster, node, last activity`}
    >
      Export CSV
    </Button>
  );
}
