import type { DiagnosticsResponse } from '@hybrid-hub/contract';
import type { Clock } from '../clock.ts';
import { NotFoundError } from '../errors.ts';
import { gatherActivationFacts } from '../rules/activation-facts.ts';
import { diagnose, diagnosticsSummary } from '../rules/diagnostics.ts';
import type { Store } from '../store/store.ts';

/** `GET /users/{id}/diagnostics`: the checklist against the directory and deployment as they are now. */
export async function runDiagnostics(
  store: Store,
  clock: Clock,
  orgId: string,
  userId: string,
): Promise<DiagnosticsResponse> {
  const [user] = await store.getUsers(orgId, [userId]);
  if (!user) throw new NotFoundError('user', userId);
  const checks = diagnose(user, await gatherActivationFacts(store, orgId, user));
  return {
    userId,
    ranAt: new Date(clock.now()).toISOString(),
    checks,
    summary: diagnosticsSummary(checks),
  };
}
