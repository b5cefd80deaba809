import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useHubEvents } from '../../../lib/hub-events-context.tsx';
import { throttle } from '../../../lib/throttle.ts';
import { labQueries } from '../api/lab-queries.ts';

/**
 * Failovers and maintenance moves go on by themselves: each `cluster.changed` reads the Lab's
 * deployment again (at most once a second), so sessions can be watched moving.
 */
export function useLiveLabDeployment(): void {
  const queryClient = useQueryClient();
  const [refresh] = useState(() =>
    throttle(
      () => void queryClient.invalidateQueries({ queryKey: labQueries.deployment().queryKey }),
      1000,
    ),
  );
  useEffect(() => () => refresh.cancel(), [refresh]);
  useHubEvents('cluster.changed', () => refresh());
}
