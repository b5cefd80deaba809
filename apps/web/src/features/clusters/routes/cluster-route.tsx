import type { ClusterDetail } from '@hybrid-hub/contract';
import DnsOutlinedIcon from '@mui/icons-material/DnsOutlined';
import Box from '@mui/material/Box';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { HealthChip } from '../../../components/health-chip.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { BackLink, FailedPage, MissingPage } from '../../../components/page-states.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { formatCount } from '../../../lib/format.ts';
import { useFallbackPolling } from '../../../lib/use-fallback-polling.ts';
import { clusterQueries } from '../api/cluster-queries.ts';
import { AffectedUsersAlert } from '../components/affected-users-alert.tsx';
import { ClusterAlarms } from '../components/cluster-alarms.tsx';
import { ClusterSummaryBar } from '../components/cluster-summary.tsx';
import { ImpClusters } from '../components/imp-clusters.tsx';
import { MessageServiceStatus } from '../components/message-service-status.tsx';
import { NodesTable } from '../components/nodes-table.tsx';
import { RestartConnectorButton } from '../components/restart-connector-button.tsx';
import { RoleNotice } from '../../../components/role-notice.tsx';
import { useLiveUpdates } from '../../../lib/hub-events-context.tsx';

const back = <BackLink to="/clusters">Clusters</BackLink>;

/** Something moves by itself: users leaving a node, sessions failing over. */
function isMoving(cluster: ClusterDetail | undefined): boolean {
  if (!cluster) return false;
  return (
    cluster.nodes.some((node) => node.maintenanceProgress !== null) ||
    cluster.impClusters.some((imp) => imp.nodes.some((node) => node.sessionMove !== null))
  );
}

export function ClusterRoute() {
  const { id = '' } = useParams();
  useLiveUpdates();
  const pollWhile = useFallbackPolling();
  const {
    data: cluster,
    isPending,
    isError,
    error,
    refetch,
  } = useQuery({
    ...clusterQueries.detail(id),
    refetchInterval: (query) => pollWhile(isMoving(query.state.data)),
  });

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
        actions={<RestartConnectorButton clusterId={cluster.id} clusterName={cluster.name} />}
      />
      <Box sx={{ display: 'grid', gap: 2 }}>
        <RoleNotice action="setMaintenance">
          You can't put nodes into maintenance mode or restart the Message Connector.
        </RoleNotice>
        <AffectedUsersAlert cluster={cluster} />
        <ClusterSummaryBar cluster={cluster} />
        <SectionCard title="Nodes" flush>
          <NodesTable clusterId={cluster.id} nodes={cluster.nodes} />
        </SectionCard>
        <ClusterAlarms clusterId={cluster.id} />
        <MessageServiceStatus status={cluster.messageServiceStatus} />
        <ImpClusters clusters={cluster.impClusters} />
      </Box>
    </>
  );
}
