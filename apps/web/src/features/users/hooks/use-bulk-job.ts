import type { Job } from '@hybrid-hub/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useState } from 'react';
import { useHubEvents, useHubEventsConnection } from '../../../lib/hub-events-context.tsx';
import { userQueries } from '../api/user-queries.ts';

/** Without events, a running job is asked about every second; with them, only now and then. */
const POLL_WITHOUT_EVENTS_MS = 1000;
const POLL_WITH_EVENTS_MS = 5000;

/**
 * Follows a bulk job until it completes: `job.progress` events move it as they arrive, and
 * polling covers a stream that is down (or events that were missed). The users it touched are
 * read again as their `users.changed` events arrive; without a stream, once it completes (which
 * users it touched is not known here: every user's read). `onCompleted` hears of it — only when
 * the job was seen running, not when a finished job's panel is shown again.
 */
export function useBulkJob(jobId: string, onCompleted?: (job: Job) => void) {
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
  const [sawRunning, setSawRunning] = useState(false);
  if (job.data && !completed && !sawRunning) setSawRunning(true);
  const finish = useEffectEvent(() => {
    if (!eventsArrive) {
      void queryClient.invalidateQueries({
        queryKey: userQueries.all(),
        predicate: (query) => query.queryKey[1] !== userQueries.jobs()[1],
      });
    }
    if (sawRunning && job.data) onCompleted?.(job.data);
  });
  useEffect(() => {
    if (completed) finish();
  }, [completed]);
  return job;
}
