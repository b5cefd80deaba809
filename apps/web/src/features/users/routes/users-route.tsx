import type { UserStatus } from '@hybrid-hub/contract';
import Paper from '@mui/material/Paper';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate, type LoaderFunctionArgs } from 'react-router';
import { ErrorState } from '../../../components/error-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { filtersFromSearchParams } from '../api/user-list-params.ts';
import { userQueries } from '../api/user-queries.ts';
import { UsersTable } from '../components/users-table.tsx';
import { UsersToolbar } from '../components/users-toolbar.tsx';
import { useUserListState } from '../hooks/use-user-list-state.ts';

export function usersLoader(queryClient: QueryClient) {
  return ({ request }: LoaderFunctionArgs) => {
    void queryClient.prefetchQuery(
      userQueries.list(filtersFromSearchParams(new URL(request.url).searchParams)),
    );
    return null;
  };
}

export function UsersRoute() {
  const { filters, update } = useUserListState();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, isFetching, isPlaceholderData, isError, error, refetch } = useQuery(
    userQueries.list(filters),
  );

  const openUser = (id: string) => {
    void navigate(`/users/${encodeURIComponent(id)}`, { state: { usersSearch: location.search } });
  };
  const clearFilters = () => update({ q: undefined, status: undefined, page: 1 });

  return (
    <>
      <PageHeader title="Users" subtitle="Message Service status of the organization's users." />
      <Paper
        variant="outlined"
        sx={{ overflow: 'hidden', display: 'flex', flexDirection: 'column' }}
      >
        <UsersToolbar
          q={filters.q ?? ''}
          status={filters.status}
          total={isError ? undefined : data?.total}
          onSearch={(q) => update({ q, page: 1 }, { replace: true })}
          onStatus={(status: UserStatus | undefined) => update({ status, page: 1 })}
        />
        {isError ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <div style={{ height: 'calc(100vh - 250px)', minHeight: 420 }}>
            <UsersTable
              filters={filters}
              data={data}
              loading={isFetching}
              stale={isPlaceholderData}
              onPageChange={(page, pageSize, cursor) => update({ page, pageSize }, { cursor })}
              onSortChange={(sort) => update({ sort: sort ?? 'name', page: 1 })}
              onOpenUser={openUser}
              onClearFilters={clearFilters}
            />
          </div>
        )}
      </Paper>
    </>
  );
}
