import ScienceOutlinedIcon from '@mui/icons-material/ScienceOutlined';
import PersonOffOutlinedIcon from '@mui/icons-material/PersonOffOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { BackLink, FailedPage, MissingPage } from '../../../components/page-states.tsx';
import { UserStatusChip } from '../../../components/user-status-chip.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { labStatusQuery } from '../../../lib/lab-status.ts';
import { usePermission } from '../../../lib/session.ts';
import { userQueries } from '../api/user-queries.ts';
import { UserDetails } from '../components/user-details.tsx';
import { UserDiagnosticsButton } from '../components/user-diagnostics-dialog.tsx';
import { UserHistoryButton } from '../components/user-history-dialog.tsx';
import { useFallbackPolling } from '../../../lib/use-fallback-polling.ts';
import { useLiveUpdates } from '../../../lib/hub-events-context.tsx';

/** Back to the Users list as it was left (filters and page), when we came from there. */
function useUsersListHref(): string {
  const state = useLocation().state as { usersSearch?: string } | null;
  return `/users${state?.usersSearch ?? ''}`;
}

export function UserRoute() {
  const { id = '' } = useParams();
  const usersHref = useUsersListHref();
  useLiveUpdates();
  const pollWhile = useFallbackPolling();
  const {
    data: user,
    isPending,
    isError,
    error,
    refetch,
  } = useQuery({
    ...userQueries.detail(id),
    // Pending settles by itself: events say when; without them, ask every few seconds.
    refetchInterval: (query) => pollWhile(query.state.data?.status === 'Pending'),
  });
  const lab = useQuery(labStatusQuery);
  const mayUseLab = usePermission('getLabUser').allowed;

  const back = <BackLink to={usersHref}>Users</BackLink>;

  if (isPending) return <LoadingState label="Loading user…" />;
  if (isError && isApiError(error) && error.status === 404) {
    return (
      <MissingPage
        title="User not found"
        back={back}
        icon={<PersonOffOutlinedIcon color="action" sx={{ fontSize: 40 }} aria-hidden />}
        message="This user does not exist in your organization."
        description="It may have been removed, or the link may be wrong."
        action={{ to: usersHref, label: 'Back to users' }}
      />
    );
  }
  if (isError) {
    return <FailedPage title="User" back={back} error={error} onRetry={() => void refetch()} />;
  }
  return (
    <>
      <PageHeader
        title={user.displayName}
        status={<UserStatusChip status={user.status} />}
        subtitle={user.email}
        back={back}
        actions={
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <UserHistoryButton user={user} />
            <UserDiagnosticsButton user={user} />
            {lab.data?.enabled && mayUseLab && (
              <Button
                component={Link}
                to={`/lab?user=${encodeURIComponent(user.id)}`}
                startIcon={<ScienceOutlinedIcon aria-hidden />}
              >
                Open in Lab
              </Button>
            )}
          </Box>
        }
      />
      <UserDetails user={user} />
    </>
  );
}
