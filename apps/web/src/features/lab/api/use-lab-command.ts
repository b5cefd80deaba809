import type { LabDeployment } from '@hybrid-hub/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { labQueries } from './lab-queries.ts';

/** A Lab deployment command: the request to make, and what it did in words. */
export interface LabCommand {
  run: () => Promise<LabDeployment>;
  done: string;
}

/**
 * Runs a Lab deployment command. Each answers with the deployment as it is after the change,
 * shown at once; since a failure or the clock changes what every screen shows (clusters,
 * users, alarms, the Lab's users), everything else cached is marked stale too — by "not the
 * deployment", without naming another feature's keys.
 */
export function useLabCommand() {
  const queryClient = useQueryClient();
  const deploymentKey = labQueries.deployment().queryKey;
  return useMutation({
    mutationFn: (command: LabCommand) => command.run(),
    onSuccess: async (deployment) => {
      queryClient.setQueryData(deploymentKey, deployment);
      await queryClient.invalidateQueries({
        predicate: (query) =>
          query.queryKey.length !== deploymentKey.length ||
          query.queryKey.some((part, index) => part !== deploymentKey[index]),
      });
    },
  });
}
