import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useHubEvents, useHubEventsConnection } from '../../../lib/hub-events-context.tsx';
import { invalidateAfterUserChanges } from '../api/user-mutations.ts';
import { userQueries } from '../api/user-queries.ts';

/** Without events, a running job is asked about every second; with them, only now and then. */
const POLL_WITHOUT_EVENTS_MS = 1000;
const POLL_WITH_EVENTS_MS = 5000;

/**
 * Follows a bulk job until it completes: `job.progress` events move it as they arrive, and
 * polling covers a stream that is down (or events that were missed). Once it completes, the
 * users it touched are read again.
 */
export function useBulkJob(jobId: string) {
  const queryClient = useQueryClient();
  const eventsArrive = useHubEventsConnection() === 'open';
  const job = useQuery({
    ...userQueries.job(jobId),
    refetchInterval: (query) =>
      query.state.data?.state === 'completed'
        ? false
        : eventsArrive
          ? POLL_WITH_EVENTS_MS
          : POLL_WITHOUT_EVENTS_MS,
  });
  useHubEvents('job.progress', (event) => {
    if (event.job.id === jobId) {
      queryClient.setQueryData(userQueries.job(jobId).queryKey, event.job);
    }
  });
  const completed = job.data?.state === 'completed';
  useEffect(() => {
    if (completed) void invalidateAfterUserChanges(queryClient);
  }, [completed, queryClient]);
  return job;
}
