import type { LabDeployment } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { ErrorState } from '../../../../components/error-state.tsx';
import { LoadingState } from '../../../../components/loading-state.tsx';
import { useNotify } from '../../../../components/notifications.tsx';
import { SectionCard } from '../../../../components/section-card.tsx';
import { problemText } from '../../../../lib/problem-text.ts';
import { useFallbackPolling } from '../../../../lib/use-fallback-polling.ts';
import { labQueries } from '../../api/lab-queries.ts';
import { useLabCommand } from '../../api/use-lab-command.ts';
import { useServiceNow } from '../../hooks/use-service-now.ts';
import type { RunLabCommand } from './lab-command-props.ts';
import { LabClock } from './lab-clock.tsx';
import { LabExpresswayNodes } from './lab-expressway-nodes.tsx';
import { LabImpCluster } from './lab-imp-cluster.tsx';
import { useLiveUpdates } from '../../../../lib/hub-events-context.tsx';

/** Sessions or users moving by themselves: worth following while events do not arrive. */
function isMoving(deployment: LabDeployment | undefined): boolean {
  if (!deployment) return false;
  return (
    deployment.impClusters.some((c) => c.nodes.some((n) => n.sessionMove !== null)) ||
    deployment.clusters.some((c) =>
      c.nodes.some((n) => n.maintenance === 'Entering maintenance mode'),
    )
  );
}

/**
 * The Lab's deployment controls: fail and recover every part the guide talks about, and move
 * the clock, to produce maintenance moves, failovers, fallbacks and alarms in front of an admin.
 */
export function LabDeploymentPanel() {
  useLiveUpdates();
  const notify = useNotify();
  const pollWhile = useFallbackPolling();
  const deployment = useQuery({
    ...labQueries.deployment(),
    refetchInterval: (query) => pollWhile(isMoving(query.state.data)),
  });
  const lab = useLabCommand();
  const now = useServiceNow(deployment.data?.now, deployment.dataUpdatedAt);

  if (deployment.isPending) return <LoadingState label="Loading the deployment…" />;
  if (deployment.isError) {
    return <ErrorState error={deployment.error} onRetry={() => void deployment.refetch()} />;
  }

  const busy = lab.isPending;
  const command: RunLabCommand = (run, done) =>
    lab.mutate(
      { run, done },
      {
        onSuccess: () => notify(`${done}.`),
        onError: (error) =>
          notify(`Could not do it. ${problemText(error)}`, 'error', { cause: error }),
      },
    );
  const { clusters, impClusters, clockOffsetMinutes } = deployment.data;
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <LabClock now={now} offsetMinutes={clockOffsetMinutes} busy={busy} command={command} />
      <LabExpresswayNodes clusters={clusters} busy={busy} command={command} />
      <SectionCard
        title="IM and Presence nodes"
        subtitle="Cause an outage (sessions fail over to the peer when the group has high availability), stop AXL, upgrade, add or remove nodes; fall back sessions by hand once a node is back."
        flush
      >
        {impClusters.map((cluster, index) => (
          <Fragment key={cluster.id}>
            {index > 0 && <Divider />}
            <LabImpCluster cluster={cluster} now={now} busy={busy} command={command} />
          </Fragment>
        ))}
      </SectionCard>
    </Box>
  );
}
