import type { BulkRequest, UserDetail } from '@hybrid-hub/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, isApiError } from '../../../lib/api-client.ts';
import { useAnnounceChange } from '../../../lib/hub-events-context.tsx';
import { userQueries } from './user-queries.ts';

/**
 * After this tab changed a user: the answer is the user as it is now, put in the cache so the
 * page shows it at once. The rest (lists, counts, the user's history) is its `users.changed`
 * event's to make stale, or, without an event stream, made stale now the same way.
 */
function useUserChanged(): (user: UserDetail) => void {
  const queryClient = useQueryClient();
  const announce = useAnnounceChange();
  return (user) => {
    queryClient.setQueryData(userQueries.detail(user.id).queryKey, user);
    announce({
      type: 'users.changed',
      users: [{ id: user.id, status: user.status, version: user.version }],
    });
  };
}

/** The "Message Service" switch, saved. */
export function useSetMessageService(id: string) {
  const userChanged = useUserChanged();
  return useMutation({
    // Under the user's key: its event, arriving before this answer, waits for it (live-updates.ts).
    mutationKey: userQueries.detail(id).queryKey,
    mutationFn: (enabled: boolean) =>
      apiClient.request('setMessageService', { params: { id }, body: { enabled } }),
    onSuccess: userChanged,
  });
}

/** Reactivate User: back to Pending, activation runs again. */
export function useReactivateUser(id: string) {
  const userChanged = useUserChanged();
  return useMutation({
    mutationKey: userQueries.detail(id).queryKey,
    mutationFn: () => apiClient.request('reactivateUser', { params: { id } }),
    onSuccess: userChanged,
  });
}

/** One click of a bulk action: what to do, and the key that names it on every try. */
export interface BulkStart {
  request: BulkRequest;
  /** newIdempotencyKey(), made once per click. */
  idempotencyKey: string;
}

/** Tries of a bulk start whose answer never arrived (the network failed), after the first. */
const BULK_START_RETRIES = 2;

/**
 * Starts a bulk job; its progress is then followed with `userQueries.job(id)`. A start whose
 * answer was lost is sent again with the same Idempotency-Key, so the BFF answers the job the
 * first try started instead of starting a second one.
 */
export function useStartBulkJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: BulkStart) =>
      apiClient.request('startBulkJob', { body: request, idempotencyKey }),
    retry: (failures, error) =>
      failures < BULK_START_RETRIES && isApiError(error) && error.status === 0,
    retryDelay: (failures) => 400 * failures,
    onSuccess: (job) => {
      queryClient.setQueryData(userQueries.job(job.id).queryKey, job);
    },
  });
}
