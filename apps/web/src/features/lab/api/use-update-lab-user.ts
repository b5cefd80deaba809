import type { LabUserUpdate } from '@hybrid-hub/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';
import { labQueries } from './lab-queries.ts';

/**
 * A Lab edit. The Lab changes the simulated deployment under every screen, so besides its own
 * view, everything else cached (users, their diagnostics, clusters) is marked stale — by
 * "not the Lab's", without naming another feature's keys.
 */
export function useUpdateLabUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: LabUserUpdate) =>
      apiClient.request('updateLabUser', { params: { id }, body: update }),
    onSuccess: async (labUser) => {
      queryClient.setQueryData(labQueries.user(id).queryKey, labUser);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: labQueries.cloudUser(id).queryKey }),
        queryClient.invalidateQueries({
          predicate: (query) => query.queryKey[0] !== labQueries.all()[0],
        }),
      ]);
    },
  });
}
