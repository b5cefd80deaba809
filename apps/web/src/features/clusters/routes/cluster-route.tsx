import DnsOutlinedIcon from '@mui/icons-material/DnsOutlined';
import Box from '@mui/material/Box';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useParams, type LoaderFunctionArgs } from 'react-router';
import { HealthChip } from '../../../components/health-chip.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { BackLink, FailedPage, MissingPage } from '../../../components/page-states.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { formatCount } from '../../../lib/format.ts';
import { clusterQueries } from '../api/cluster-queries.ts';
import { ClusterSummaryBar } from '../components/cluster-summary.tsx';
import { ImpClusters } from '../components/imp-clusters.tsx';
import { MessageServiceStatus } from '../components/message-service-status.tsx';
import { NodesTable } from '../components/nodes-table.tsx';

export function clusterLoader(queryClient: QueryClient) {
  return ({ params }: LoaderFunctionArgs) => {
    if (params.id) void queryClient.prefetchQuery(clusterQueries.detail(params.id));
    return null;
  };
}

const back = <BackLink to="/clusters">Clusters</BackLink>;

export function ClusterRoute() {
  const { id = '' } = useParams();
  const { data: cluster, isPending, isError, error, refetch } = useQuery(clusterQueries.detail(id));

  if (isPending) return <LoadingState label="Loading cluster…" />;
  if (isError && isApiError(error) && error.status === 404) {
    return (
      <MissingPage
        title="Cluster not found"
        back={back}
        icon={<DnsOutlinedIcon color="action" sx={{ fontSize: 40 }} aria-hidden />}
        message="This cluster does not exist in your organization."
        action={{ to: '/clusters', label: 'Back to clusters' }}
      />
    );
  }
  if (isError) {
    return <FailedPage title="Cluster" back={back} error={error} onRetry={() => void refetch()} />;
  }
  return (
    <>
      <PageHeader
        title={cluster.name}
        status={<HealthChip health={cluster.health} />}
        subtitle={`Expressway cluster · ${formatCount(cluster.nodeCount, 'node')} · ${cluster.nodesServing} of ${cluster.nodeCount} nodes serving`}
        back={back}
      />
      <Box sx={{ display: 'grid', gap: 2 }}>
        <ClusterSummaryBar cluster={cluster} />
        <SectionCard title="Nodes" flush>
          <NodesTable nodes={cluster.nodes} />
        </SectionCard>
        <MessageServiceStatus status={cluster.messageServiceStatus} />
        <ImpClusters clusters={cluster.impClusters} />
      </Box>
    </>
  );
}
