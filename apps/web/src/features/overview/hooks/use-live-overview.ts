import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useHubEvents } from '../../../lib/hub-events-context.tsx';
import { throttle } from '../../../lib/throttle.ts';
import { overviewQueries } from '../api/overview-queries.ts';

/**
 * Users changing status (activations settling, bulk jobs, maintenance moves) move the user
 * figures; a cluster changing moves the clusters at a glance; alarms move the alarms list. Each
 * is read again at most once a second.
 */
export function useLiveOverview(): void {
  const queryClient = useQueryClient();
  const [refresh] = useState(() => {
    const every = (keys: () => ReadonlyArray<readonly unknown[]>) =>
      throttle(() => {
        for (const queryKey of keys()) void queryClient.invalidateQueries({ queryKey });
      }, 1000);
    return {
      users: every(() => [
        overviewQueries.userStatusCounts().queryKey,
        overviewQueries.activity().queryKey,
        // Users per cluster and affected users are in the clusters' figures.
        overviewQueries.clusters().queryKey,
      ]),
      clusters: every(() => [overviewQueries.clusters().queryKey]),
      alarms: every(() => [
        overviewQueries.openAlarms().queryKey,
        overviewQueries.clusters().queryKey,
      ]),
    };
  });
  useEffect(
    () => () => {
      refresh.users.cancel();
      refresh.clusters.cancel();
      refresh.alarms.cancel();
    },
    [refresh],
  );
  useHubEvents('users.changed', () => refresh.users());
  useHubEvents('cluster.changed', () => refresh.clusters());
  useHubEvents('alarms.changed', () => refresh.alarms());
}
