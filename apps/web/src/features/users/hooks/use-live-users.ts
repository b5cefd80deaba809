import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useHubEvents } from '../../../lib/hub-events-context.tsx';
import { throttle } from '../../../lib/throttle.ts';
import { userQueries } from '../api/user-queries.ts';

/** A bulk job of 100,000 users sends many events: read again at most once a second. */
const REFRESH_AT_MOST_EVERY_MS = 1000;

/**
 * Keeps what this screen shows of users current: on `users.changed` the lists, the counts and
 * the changed users (with their history) are read again, throttled, so Pending turns Active or
 * Error by itself.
 */
export function useLiveUsers(): void {
  const queryClient = useQueryClient();
  const [refresh] = useState(() => {
    const changed = new Set<string>();
    const flush = throttle(() => {
      void queryClient.invalidateQueries({ queryKey: userQueries.lists() });
      void queryClient.invalidateQueries({ queryKey: userQueries.statusCounts().queryKey });
      for (const id of changed) {
        void queryClient.invalidateQueries({ queryKey: userQueries.detail(id).queryKey });
      }
      changed.clear();
    }, REFRESH_AT_MOST_EVERY_MS);
    return {
      add(ids: readonly string[]) {
        for (const id of ids) changed.add(id);
        flush();
      },
      cancel: flush.cancel,
    };
  });
  useEffect(() => () => refresh.cancel(), [refresh]);
  useHubEvents('users.changed', (event) => refresh.add(event.users.map((user) => user.id)));
}
