import { useQuery } from '@tanstack/react-query';
import { OpenAlarmsCard } from '../../../components/alarms-card.tsx';
import { RouterLink } from '../../../components/router-link.tsx';
import { clusterQueries } from '../api/cluster-queries.ts';

/** The cluster's open alarms, most severe first (nodes in maintenance raise none). */
export function ClusterAlarms({ clusterId }: { clusterId: string }) {
  const alarms = useQuery(clusterQueries.alarms(clusterId));
  return (
    <OpenAlarmsCard
      query={alarms}
      showCluster={false}
      emptyText="No open alarms on this cluster."
      link={
        <RouterLink to={`/alarms?clusterId=${encodeURIComponent(clusterId)}`} variant="body2">
          Alarms of this cluster
        </RouterLink>
      }
    />
  );
}
