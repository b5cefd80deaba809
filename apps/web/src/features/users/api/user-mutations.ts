import type { BulkRequest, UserDetail } from '@hybrid-hub/contract';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiClient, isApiError } from '../../../lib/api-client.ts';
import { userQueries } from './user-queries.ts';

/**
 * After a user changed: the answer is the user as it is now, so the page shows it at once; the
 * lists, the counts and the user's history (under its key) are read again.
 */
function userChanged(queryClient: QueryClient, user: UserDetail): Promise<void> {
  queryClient.setQueryData(userQueries.detail(user.id).queryKey, user);
  return invalidateAfterUserChanges(queryClient, user.id);
}

/** What to read again when users changed (one of them, or any when `id` is absent). */
export async function invalidateAfterUserChanges(
  queryClient: QueryClient,
  id?: string,
): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: userQueries.lists() }),
    queryClient.invalidateQueries({ queryKey: userQueries.statusCounts().queryKey }),
    id
      ? queryClient.invalidateQueries({
          queryKey: userQueries.detail(id).queryKey,
          // The user itself was just set from the answer; its history and checks were not.
          predicate: (query) => query.queryKey.length > userQueries.detail(id).queryKey.length,
        })
      : queryClient.invalidateQueries({ queryKey: userQueries.details() }),
  ]);
}

/** The "Message Service" switch, saved. */
export function useSetMessageService(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      apiClient.request('setMessageService', { params: { id }, body: { enabled } }),
    onSuccess: (user) => userChanged(queryClient, user),
  });
}

/** Reactivate User: back to Pending, activation runs again. */
export function useReactivateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.request('reactivateUser', { params: { id } }),
    onSuccess: (user) => userChanged(queryClient, user),
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
