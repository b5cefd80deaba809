import ScienceOutlinedIcon from '@mui/icons-material/ScienceOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { Link, useSearchParams, type LoaderFunctionArgs } from 'react-router';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { UserStatusChip } from '../../../components/user-status-chip.tsx';
import { labQueries } from '../api/lab-queries.ts';
import { LabDeploymentPanel } from '../components/deployment/lab-deployment-panel.tsx';
import { LabUserPanel } from '../components/lab-user-panel.tsx';
import { LabUserPicker, type PickedUser } from '../components/lab-user-picker.tsx';

export function labLoader(queryClient: QueryClient) {
  return ({ request }: LoaderFunctionArgs) => {
    void queryClient.prefetchQuery(labQueries.status());
    const params = new URL(request.url).searchParams;
    if (params.get('tab') === 'deployment') {
      void queryClient.prefetchQuery(labQueries.deployment());
      return null;
    }
    const id = params.get('user');
    if (id) void queryClient.prefetchQuery(labQueries.user(id));
    return null;
  };
}

const TITLE = 'Lab';
const SUBTITLE =
  'Simulation controls: produce — and fix — the states of the guide. Change what the directories and the cloud say about a user, or fail parts of the deployment and move the clock.';

type LabTab = 'users' | 'deployment';

/** The open tab lives in the URL (`?tab=deployment`); the picked user stays while away. */
function useLabTab(): [LabTab, (tab: LabTab) => void] {
  const [params, setParams] = useSearchParams();
  const tab: LabTab = params.get('tab') === 'deployment' ? 'deployment' : 'users';
  const select = (next: LabTab) =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next === 'deployment') updated.set('tab', 'deployment');
      else updated.delete('tab');
      return updated;
    });
  return [tab, select];
}

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
  const [tab, selectTab] = useLabTab();

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
      <Tabs
        value={tab}
        onChange={(_event, next: LabTab) => selectTab(next)}
        aria-label="Lab"
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        <Tab value="users" label="Users" id="lab-tab-users" aria-controls="lab-panel" />
        <Tab
          value="deployment"
          label="Deployment"
          id="lab-tab-deployment"
          aria-controls="lab-panel"
        />
      </Tabs>
      <Box role="tabpanel" id="lab-panel" aria-labelledby={`lab-tab-${tab}`}>
        {tab === 'deployment' ? <LabDeploymentPanel /> : <LabUsers />}
      </Box>
    </>
  );
}

/** The first part of the Lab: one user's directory entries, entitlements and accounts. */
function LabUsers() {
  const [picked, pick, pickedId] = usePickedUser();
  return (
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
  );
}
