import type { SignInRequest } from '@hybrid-hub/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';
import { startSession } from '../../../lib/session.ts';

/** Signs in: the new session replaces whatever the cache held. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInRequest) => apiClient.request('signIn', { body }),
    onSuccess: (session) => startSession(queryClient, session),
  });
}

/**
 * Signs out. Whatever the server answers (the session may have ended already), nothing of it
 * stays in this tab.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.request('signOut'),
    onSettled: () => startSession(queryClient, undefined),
  });
}
