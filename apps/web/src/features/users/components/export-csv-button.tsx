import { DownloadCsvButton } from '../../../components/download-csv-button.tsx';
import { hrefFor } from '../../../lib/api-client.ts';
import type { UserListFilters } from '../api/user-queries.ts';

/** Export CSV of the users matching the list's search and status filter. */
export function ExportCsvButton({ filters }: { filters: Pick<UserListFilters, 'q' | 'status'> }) {
  const href = hrefFor('exportUsersCsv', { query: { q: filters.q, status: filters.status } });
  const scope = filters.q || filters.status ? 'the users matching the filter' : 'all users';
  return (
    <DownloadCsvButton
      href={href}
      fallbackName="users.csv"
      title={`Download ${scope}: name, email, status, error, cluster, node, last activity`}
    />
  );
}
