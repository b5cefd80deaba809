import Box from '@mui/material/Box';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { RouterLink } from '../../../components/router-link.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { overviewQueries } from '../api/overview-queries.ts';
import { ClustersAtAGlance } from '../components/clusters-at-a-glance.tsx';
import { ServiceHealthLine } from '../components/service-health-line.tsx';
import { UserStatusTiles } from '../components/user-status-tiles.tsx';
import { useLiveOverview } from '../hooks/use-live-overview.ts';

export function overviewLoader(queryClient: QueryClient) {
  return () => {
    void queryClient.prefetchQuery(overviewQueries.userStatusCounts());
    void queryClient.prefetchQuery(overviewQueries.clusters());
    return null;
  };
}

export function OverviewRoute() {
  useLiveOverview();
  const clusters = useQuery(overviewQueries.clusters());
  return (
    <>
      <PageHeader title="Overview" subtitle="The Hybrid Message Service at a glance." />
      <Box sx={{ display: 'grid', gap: 3 }}>
        <SectionCard title="Message Service health">
          {clusters.isPending ? (
            <LoadingState label="Loading clusters…" />
          ) : clusters.isError ? (
            <ErrorState error={clusters.error} onRetry={() => void clusters.refetch()} />
          ) : (
            <ServiceHealthLine clusters={clusters.data} />
          )}
        </SectionCard>
        <Box component="section" aria-labelledby="users-by-status">
          <Box sx={{ display: 'flex', alignItems: 'baseline', mb: 1.5 }}>
            <Box component="h2" id="users-by-status" sx={{ typography: 'h6', m: 0, flexGrow: 1 }}>
              Users by status
            </Box>
            <RouterLink to="/users" variant="body2">
              All users
            </RouterLink>
          </Box>
          <UserStatusTiles />
        </Box>
        <SectionCard
          title="Clusters at a glance"
          flush
          actions={
            <RouterLink to="/clusters" variant="body2">
              All clusters
            </RouterLink>
          }
        >
          {clusters.isPending ? (
            <LoadingState label="Loading clusters…" />
          ) : clusters.isError ? (
            <ErrorState error={clusters.error} onRetry={() => void clusters.refetch()} />
          ) : (
            <ClustersAtAGlance clusters={clusters.data} />
          )}
        </SectionCard>
      </Box>
    </>
  );
}
