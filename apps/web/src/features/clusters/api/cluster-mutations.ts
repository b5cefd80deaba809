import type { ClusterDetail, ConnectorNode, MaintenanceAction } from '@hybrid-hub/contract';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiClient, isApiError } from '../../../lib/api-client.ts';
import { useAnnounceChange } from '../../../lib/hub-events-context.tsx';
import { clusterQueries } from './cluster-queries.ts';

/**
 * What a refused change on a cluster makes stale (no event announces a refusal): the list, the
 * details and their alarms — not a maintenance preview the admin is reading (it is read afresh
 * whenever it is opened).
 */
async function invalidateClusters(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: clusterQueries.lists() }),
    queryClient.invalidateQueries({ queryKey: clusterQueries.details() }),
  ]);
}

export interface MaintenanceCommand {
  nodeId: string;
  action: MaintenanceAction;
  /** The node revision the admin decided on (from the preview, or the node as shown). */
  revision: number;
  /** Sends the last node that can serve the cluster into maintenance anyway. */
  force?: boolean;
}

/**
 * Enter or exit maintenance mode. The answer is the node as it is now: the page shows it at once;
 * the cluster's `cluster.changed` event then reads it again (its totals, the other nodes' loads
 * and its alarms moved too) — or, without an event stream, it is read again now.
 */
export function useSetMaintenance(clusterId: string) {
  const queryClient = useQueryClient();
  const announce = useAnnounceChange();
  return useMutation({
    // Under the cluster's key: its event, arriving before this answer, reads the cluster once
    // the answer's node is in it, not before (live-updates.ts).
    mutationKey: clusterQueries.detail(clusterId).queryKey,
    mutationFn: ({ nodeId, action, revision, force }: MaintenanceCommand) =>
      apiClient.request('setMaintenance', {
        params: { id: nodeId },
        body: force ? { action, force } : { action },
        ifMatch: revision,
      }),
    onSuccess: async (node: ConnectorNode) => {
      queryClient.setQueryData(
        clusterQueries.detail(clusterId).queryKey,
        (cluster: ClusterDetail | undefined) =>
          cluster && {
            ...cluster,
            nodes: cluster.nodes.map((other) => (other.id === node.id ? node : other)),
          },
      );
      announce({ type: 'cluster.changed', clusterId, nodeIds: [node.id] });
    },
    onError: (error) => {
      // Refused because the node or its cluster changed meanwhile (412, 409): what the page
      // shows is stale too, so it is read again while the dialog says why.
      if (isApiError(error) && (error.status === 412 || error.status === 409)) {
        void invalidateClusters(queryClient);
      }
    },
  });
}

/**
 * Restart Message Connector: the answer says what the rediscovery found; the page reads the
 * cluster again on its event (or now, without an event stream).
 */
export function useRestartMessageConnector(clusterId: string) {
  const announce = useAnnounceChange();
  return useMutation({
    mutationFn: () => apiClient.request('restartMessageConnector', { params: { id: clusterId } }),
    // The nodes it touched are only known by the event; no entry of the map reads them.
    onSuccess: () => announce({ type: 'cluster.changed', clusterId, nodeIds: [] }),
  });
}
