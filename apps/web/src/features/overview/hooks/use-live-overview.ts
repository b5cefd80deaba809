import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useHubEvents } from '../../../lib/hub-events-context.tsx';
import { throttle } from '../../../lib/throttle.ts';
import { overviewQueries } from '../api/overview-queries.ts';

/** Users changing status (activations settling, bulk jobs) move the Overview's figures: at most once a second. */
export function useLiveOverview(): void {
  const queryClient = useQueryClient();
  const [refresh] = useState(() =>
    throttle(() => void queryClient.invalidateQueries({ queryKey: overviewQueries.all() }), 1000),
  );
  useEffect(() => () => refresh.cancel(), [refresh]);
  useHubEvents('users.changed', () => refresh());
}
