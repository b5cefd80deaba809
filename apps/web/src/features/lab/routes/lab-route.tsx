import ScienceOutlinedIcon from '@mui/icons-material/ScienceOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { Link, useSearchParams, type LoaderFunctionArgs } from 'react-router';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { UserStatusChip } from '../../../components/user-status-chip.tsx';
import { labQueries } from '../api/lab-queries.ts';
import { LabUserPanel } from '../components/lab-user-panel.tsx';
import { LabUserPicker, type PickedUser } from '../components/lab-user-picker.tsx';

export function labLoader(queryClient: QueryClient) {
  return ({ request }: LoaderFunctionArgs) => {
    void queryClient.prefetchQuery(labQueries.status());
    const id = new URL(request.url).searchParams.get('user');
    if (id) void queryClient.prefetchQuery(labQueries.user(id));
    return null;
  };
}

const TITLE = 'Lab';
const SUBTITLE =
  'Simulation controls: change what the on-premises directories and the cloud say about a user, to produce — and fix — the activation errors of the guide.';

/** The picked user lives in the URL (`?user=`), so "Open in Lab" links straight to them. */
function usePickedUser(): [PickedUser | null, (user: PickedUser | null) => void, string | null] {
  const [params, setParams] = useSearchParams();
  const id = params.get('user');
  const cloud = useQuery({ ...labQueries.cloudUser(id ?? ''), enabled: id !== null });
  const picked = id && cloud.data ? cloud.data : null;
  const pick = (user: PickedUser | null) =>
    setParams(user ? { user: user.id } : {}, { replace: false });
  return [picked, pick, id];
}

export function LabRoute() {
  const status = useQuery(labQueries.status());
  const [picked, pick, pickedId] = usePickedUser();

  if (status.isPending) return <LoadingState label="Loading the Lab…" />;
  if (status.isError) {
    return (
      <>
        <PageHeader title={TITLE} />
        <Paper variant="outlined">
          <ErrorState error={status.error} onRetry={() => void status.refetch()} />
        </Paper>
      </>
    );
  }
  if (!status.data.enabled) {
    return (
      <>
        <PageHeader title={TITLE} />
        <Paper variant="outlined">
          <EmptyState
            icon={<ScienceOutlinedIcon color="action" sx={{ fontSize: 40 }} aria-hidden />}
            title="The Lab is off"
            description="Simulation controls are enabled in the demo and in tests only."
            action={
              <Button variant="contained" component={Link} to="/">
                Go to Overview
              </Button>
            }
          />
        </Paper>
      </>
    );
  }

  return (
    <>
      <PageHeader title={TITLE} subtitle={SUBTITLE} />
      <Box sx={{ display: 'grid', gap: 2 }}>
        <SectionCard title="User" actions={picked && <UserStatusChip status={picked.status} />}>
          <LabUserPicker value={picked} onChange={pick} />
        </SectionCard>
        {pickedId ? (
          <LabUserPanel key={pickedId} userId={pickedId} />
        ) : (
          <Paper variant="outlined">
            <EmptyState
              title="Pick a user to work on"
              description="Then change their directory entry, entitlements or duplicate accounts, and reactivate them from their page to see what activation makes of it."
            />
          </Paper>
        )}
      </Box>
    </>
  );
}
