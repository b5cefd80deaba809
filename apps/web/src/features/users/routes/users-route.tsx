import type { BulkAction, UserStatus } from '@hybrid-hub/contract';
import Paper from '@mui/material/Paper';
import { useQuery } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { ErrorState } from '../../../components/error-state.tsx';
import { useNotify } from '../../../components/notifications.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { RoleNotice } from '../../../components/role-notice.tsx';
import { formatCount } from '../../../lib/format.ts';
import { newIdempotencyKey } from '../../../lib/idempotency-key.ts';
import { problemText } from '../../../lib/problem-text.ts';
import { usePermission } from '../../../lib/session.ts';
import { useStartBulkJob } from '../api/user-mutations.ts';
import { userQueries } from '../api/user-queries.ts';
import { BulkActionsBar } from '../components/bulk-actions-bar.tsx';
import { ExportCsvButton } from '../components/export-csv-button.tsx';
import { JobProgressPanel } from '../components/job-progress-panel.tsx';
import { StatusCountsBar } from '../components/status-counts-bar.tsx';
import { UsersTable } from '../components/users-table.tsx';
import { UsersToolbar } from '../components/users-toolbar.tsx';
import { useFollowedJob } from '../hooks/use-followed-job.ts';
import { useFallbackPolling } from '../../../lib/use-fallback-polling.ts';
import { useUserListState } from '../hooks/use-user-list-state.ts';
import { useUserSelection } from '../hooks/use-user-selection.ts';
import { useLiveUpdates } from '../../../lib/hub-events-context.tsx';

const STARTED: Record<BulkAction, string> = {
  activate: 'Activation',
  deactivate: 'Deactivation',
  reactivate: 'Reactivation',
};

export function UsersRoute() {
  const { filters, update } = useUserListState();
  const navigate = useNavigate();
  const location = useLocation();
  const notify = useNotify();
  useLiveUpdates();
  const pollWhile = useFallbackPolling();
  // isFetching is not read: a background refresh (events, polling) must not re-render the grid
  // unless the rows changed. The grid shows loading only while it shows another query's rows.
  const { data, isPending, isPlaceholderData, isError, error, refetch } = useQuery({
    ...userQueries.list(filters),
    // Pending rows settle by themselves: events say when; without them, ask every few seconds.
    refetchInterval: (query) =>
      pollWhile(query.state.data?.items.some((user) => user.status === 'Pending') ?? false),
  });
  useQuery({
    ...userQueries.statusCounts(),
    refetchInterval: (query) => pollWhile((query.state.data?.byStatus.Pending ?? 0) > 0),
  });
  const { selection, selectIds, selectAllMatching, clear, toBulkSelection } =
    useUserSelection(filters);
  const [jobId, followJob] = useFollowedJob();
  const startJob = useStartBulkJob();
  // Bulk actions and the export show only to the roles the BFF lets do them.
  const mayChange = usePermission('startBulkJob').allowed;
  const mayExport = usePermission('exportUsersCsv').allowed;

  const openUser = (id: string) => {
    void navigate(`/users/${encodeURIComponent(id)}`, { state: { usersSearch: location.search } });
  };
  const clearFilters = () => update({ q: undefined, status: undefined, page: 1 });
  const setStatus = (status: UserStatus | undefined) => update({ status, page: 1 });

  const runBulk = (action: BulkAction, count: number) => {
    const bulkSelection = toBulkSelection();
    if (!bulkSelection) return;
    startJob.mutate(
      { request: { action, selection: bulkSelection }, idempotencyKey: newIdempotencyKey() },
      {
        onSuccess: (job) => {
          followJob(job.id);
          clear();
          notify(
            `${STARTED[action]} of ${formatCount(job.total || count, 'user')} started.`,
            'info',
          );
        },
        onError: (e) =>
          notify(`Could not start the bulk action. ${problemText(e)}`, 'error', { cause: e }),
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Message Service status of the organization's users."
        actions={mayExport && <ExportCsvButton filters={filters} />}
      />
      <RoleNotice action="startBulkJob" sx={{ mb: 2 }}>
        {mayExport
          ? "You can't activate, deactivate or reactivate users."
          : "You can't activate, deactivate, reactivate or export users."}
      </RoleNotice>
      <StatusCountsBar status={filters.status} onSelect={setStatus} />
      {jobId && (
        <JobProgressPanel
          key={jobId}
          jobId={jobId}
          onSelectFailed={selectIds}
          onClose={() => followJob(null)}
        />
      )}
      <Paper
        variant="outlined"
        sx={{ overflow: 'hidden', display: 'flex', flexDirection: 'column' }}
      >
        <UsersToolbar
          q={filters.q ?? ''}
          status={filters.status}
          total={isError ? undefined : data?.total}
          onSearch={(q) => update({ q, page: 1 }, { replace: true })}
          onStatus={setStatus}
        />
        {mayChange && (
          <BulkActionsBar
            selection={selection}
            total={isError ? undefined : data?.total}
            pageIds={isPlaceholderData ? [] : (data?.items.map((user) => user.id) ?? [])}
            filtered={Boolean(filters.q || filters.status)}
            busy={startJob.isPending}
            onSelectAllMatching={selectAllMatching}
            onClear={clear}
            onAction={runBulk}
          />
        )}
        {isError ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <div style={{ height: 'calc(100vh - 300px)', minHeight: 460 }}>
            <UsersTable
              filters={filters}
              data={data}
              loading={isPending || isPlaceholderData}
              stale={isPlaceholderData}
              onPageChange={(page, pageSize, cursor) => update({ page, pageSize }, { cursor })}
              onSortChange={(sort) => update({ sort: sort ?? 'name', page: 1 })}
              onOpenUser={openUser}
              onClearFilters={clearFilters}
              selection={selection}
              selectable={mayChange}
              onSelectIds={selectIds}
            />
          </div>
        )}
      </Paper>
    </>
  );
}
