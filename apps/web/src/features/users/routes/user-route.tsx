import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PersonOffOutlinedIcon from '@mui/icons-material/PersonOffOutlined';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams, type LoaderFunctionArgs } from 'react-router';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { RouterLink } from '../../../components/router-link.tsx';
import { UserStatusChip } from '../../../components/user-status-chip.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { userQueries } from '../api/user-queries.ts';
import { UserDetails } from '../components/user-details.tsx';

export function userLoader(queryClient: QueryClient) {
  return ({ params }: LoaderFunctionArgs) => {
    if (params.id) void queryClient.prefetchQuery(userQueries.detail(params.id));
    return null;
  };
}

/** Back to the Users list as it was left (filters and page), when we came from there. */
function useUsersListHref(): string {
  const state = useLocation().state as { usersSearch?: string } | null;
  return `/users${state?.usersSearch ?? ''}`;
}

export function UserRoute() {
  const { id = '' } = useParams();
  const usersHref = useUsersListHref();
  const { data: user, isPending, isError, error, refetch } = useQuery(userQueries.detail(id));

  const back = (
    <RouterLink
      to={usersHref}
      variant="body2"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
    >
      <ArrowBackIcon sx={{ fontSize: 16 }} aria-hidden />
      Users
    </RouterLink>
  );

  if (isPending) return <LoadingState label="Loading user…" />;
  if (isError && isApiError(error) && error.status === 404) {
    return (
      <>
        <PageHeader title="User not found" back={back} />
        <Paper variant="outlined">
          <EmptyState
            icon={<PersonOffOutlinedIcon color="action" sx={{ fontSize: 40 }} aria-hidden />}
            title="This user does not exist in your organization."
            description="It may have been removed, or the link may be wrong."
            action={
              <Button variant="contained" component={Link} to={usersHref}>
                Back to users
              </Button>
            }
          />
        </Paper>
      </>
    );
  }
  if (isError) {
    return (
      <>
        <PageHeader title="User" back={back} />
        <Paper variant="outlined">
          <ErrorState error={error} onRetry={() => void refetch()} />
        </Paper>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={user.displayName}
        status={<UserStatusChip status={user.status} />}
        subtitle={user.email}
        back={back}
      />
      <UserDetails user={user} />
    </>
  );
}
