import DnsOutlinedIcon from '@mui/icons-material/DnsOutlined';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { formatCount } from '../../../lib/format.ts';
import { clusterQueries } from '../api/cluster-queries.ts';
import { ClusterCard } from '../components/cluster-card.tsx';
import { useLiveUpdates } from '../../../lib/hub-events-context.tsx';

export function ClustersRoute() {
  useLiveUpdates();
  const { data, isPending, isError, error, refetch } = useQuery(clusterQueries.list());
  const clusters = data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Clusters"
        subtitle={
          data
            ? `${formatCount(clusters.length, 'Expressway cluster')} hosting the Message Connector.`
            : 'Expressway clusters hosting the Message Connector.'
        }
      />
      {isPending ? (
        <LoadingState label="Loading clusters…" />
      ) : isError ? (
        <Paper variant="outlined">
          <ErrorState error={error} onRetry={() => void refetch()} />
        </Paper>
      ) : clusters.length === 0 ? (
        <Paper variant="outlined">
          <EmptyState
            icon={<DnsOutlinedIcon color="action" sx={{ fontSize: 40 }} aria-hidden />}
            title="No Expressway clusters yet"
            description="Register an Expressway cluster to host the Message Connector."
          />
        </Paper>
      ) : (
        <Box
          component="ul"
          aria-label="Expressway clusters"
          sx={{
            m: 0,
            p: 0,
            display: 'grid',
            gap: 2,
            gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))',
          }}
        >
          {clusters.map((cluster) => (
            <ClusterCard key={cluster.id} cluster={cluster} />
          ))}
        </Box>
      )}
    </>
  );
}
