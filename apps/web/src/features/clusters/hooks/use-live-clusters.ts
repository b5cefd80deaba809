import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useHubEvents } from '../../../lib/hub-events-context.tsx';
import { throttle } from '../../../lib/throttle.ts';
import { clusterQueries } from '../api/cluster-queries.ts';

/** A move of thousands of users sends many events: read again at most once a second. */
const REFRESH_AT_MOST_EVERY_MS = 1000;

/**
 * Keeps the clusters on screen current: `cluster.changed` reads the list and that cluster again
 * (nodes, maintenance progress, totals, its alarms); `alarms.changed` reads the alarms again;
 * `users.changed` reads every cluster again (loads and Message Service Status totals).
 * Throttled, so a long move is followed without a request per user.
 */
export function useLiveClusters(): void {
  const queryClient = useQueryClient();
  const [refresh] = useState(() => {
    const changed = new Set<string>();
    let alarms = false;
    let everyCluster = false;
    const flush = throttle(() => {
      void queryClient.invalidateQueries({ queryKey: clusterQueries.lists() });
      if (everyCluster) {
        // Every cluster's detail, not its alarms (those follow alarms.changed).
        void queryClient.invalidateQueries({
          queryKey: clusterQueries.details(),
          predicate: (query) => query.queryKey.at(-1) !== 'alarms',
        });
      }
      for (const id of changed) {
        void queryClient.invalidateQueries({ queryKey: clusterQueries.detail(id).queryKey });
      }
      if (alarms) {
        // Every cluster's alarms, not their details: the alarms key sits under each detail.
        void queryClient.invalidateQueries({
          queryKey: clusterQueries.details(),
          predicate: (query) => query.queryKey.at(-1) === 'alarms',
        });
      }
      changed.clear();
      alarms = false;
      everyCluster = false;
    }, REFRESH_AT_MOST_EVERY_MS);
    return {
      cluster(id: string) {
        changed.add(id);
        flush();
      },
      alarms() {
        alarms = true;
        flush();
      },
      users() {
        everyCluster = true;
        flush();
      },
      cancel: flush.cancel,
    };
  });
  useEffect(() => () => refresh.cancel(), [refresh]);
  useHubEvents('cluster.changed', (event) => refresh.cluster(event.clusterId));
  useHubEvents('alarms.changed', () => refresh.alarms());
  // Users activated, deactivated or failed change the nodes' loads and the status totals.
  useHubEvents('users.changed', () => refresh.users());
}
