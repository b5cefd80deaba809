import ManageSearchOutlinedIcon from '@mui/icons-material/ManageSearchOutlined';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useSearchParams, type LoaderFunctionArgs } from 'react-router';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { TablePager } from '../../../components/table-pager.tsx';
import { formatCount } from '../../../lib/format.ts';
import {
  AUDIT_PAGE_SIZE,
  auditFiltersOf,
  auditSearchOf,
  hasFilters,
  type AuditFilters,
} from '../api/audit-filters.ts';
import { auditQueries } from '../api/audit-queries.ts';
import { AuditFiltersBar } from '../components/audit-filters-bar.tsx';
import { AuditTable } from '../components/audit-table.tsx';
import { ExportAuditButton } from '../components/export-audit-button.tsx';

export function auditLoader(queryClient: QueryClient) {
  return ({ request }: LoaderFunctionArgs) => {
    void queryClient.prefetchQuery(
      auditQueries.list(auditFiltersOf(new URL(request.url).searchParams)),
    );
    return null;
  };
}

/** Audit log: every change made in the organization's console, newest first. */
export function AuditRoute() {
  const [params, setParams] = useSearchParams();
  const filters = auditFiltersOf(params);
  const entries = useQuery(auditQueries.list(filters));
  // A new filter starts again at the first page.
  const update = (next: Partial<AuditFilters>) =>
    setParams(auditSearchOf({ ...filters, page: 1, ...next }));
  const filtered = hasFilters(filters);

  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every change made in this organization's console — who, when, what, to what, whether it went through, from which address and in which request, refusals included. Entries are never changed or removed."
        actions={<ExportAuditButton filters={filters} />}
      />
      <AuditFiltersBar filters={filters} onChange={update} />
      <Paper variant="outlined">
        {entries.isPending ? (
          <LoadingState label="Loading the audit log…" />
        ) : entries.isError ? (
          <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />
        ) : entries.data.total === 0 ? (
          <EmptyState
            icon={<ManageSearchOutlinedIcon color="action" sx={{ fontSize: 40 }} aria-hidden />}
            title={filtered ? 'No entries match these filters' : 'No entries yet'}
            description={
              filtered
                ? 'Widen the dates or clear a filter.'
                : 'Changes made in the console (signing in, switching the Message Service, maintenance mode…) appear here as they are made.'
            }
            action={
              filtered && (
                <Button variant="outlined" onClick={() => setParams({})}>
                  Clear filters
                </Button>
              )
            }
          />
        ) : entries.data.items.length === 0 ? (
          <EmptyState
            title="This page is past the last entry"
            action={
              <Button variant="outlined" onClick={() => update({})}>
                Go to the first page
              </Button>
            }
          />
        ) : (
          <>
            <AuditTable entries={entries.data.items} />
            <TablePager
              count={entries.data.total}
              page={entries.data.page - 1}
              rowsPerPage={AUDIT_PAGE_SIZE}
              onPageChange={(page) => setParams(auditSearchOf({ ...filters, page: page + 1 }))}
              label={(from, to, count) =>
                `${from}–${to} of ${formatCount(count, 'entry', 'entries')}`
              }
            />
          </>
        )}
      </Paper>
    </>
  );
}
