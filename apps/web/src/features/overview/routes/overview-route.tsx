import Box from '@mui/material/Box';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryContent } from '../../../components/query-content.tsx';
import { RouterLink } from '../../../components/router-link.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { overviewQueries } from '../api/overview-queries.ts';
import { ClustersAtAGlance } from '../components/clusters-at-a-glance.tsx';
import { OpenAlarms } from '../components/open-alarms.tsx';
import { ServiceHealthLine } from '../components/service-health-line.tsx';
import { UserActivity } from '../components/user-activity.tsx';
import { UserStatusTiles } from '../components/user-status-tiles.tsx';
import { useLiveUpdates } from '../../../lib/hub-events-context.tsx';

export function OverviewRoute() {
  useLiveUpdates();
  const clusters = useQuery(overviewQueries.clusters());
  return (
    <>
      <PageHeader title="Overview" subtitle="The Hybrid Message Service at a glance." />
      <Box sx={{ display: 'grid', gap: 3 }}>
        <SectionCard title="Message Service health">
          <QueryContent query={clusters} loadingLabel="Loading clusters…">
            {(data) => <ServiceHealthLine clusters={data} />}
          </QueryContent>
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
        {/* One above the other: side by side, the clusters' table was cut below 1,536 px. */}
        <UserActivity />
        <SectionCard
          title="Clusters at a glance"
          flush
          actions={
            <RouterLink to="/clusters" variant="body2">
              All clusters
            </RouterLink>
          }
        >
          <QueryContent query={clusters} loadingLabel="Loading clusters…">
            {(data) => <ClustersAtAGlance clusters={data} />}
          </QueryContent>
        </SectionCard>
        <OpenAlarms />
      </Box>
    </>
  );
}
