/**
 * The words of history lines, shared by the engine's commands and the demo's generated history,
 * so that a user's history reads the same whether the demo wrote it or the engine did.
 */
export const SWITCHED_ON = 'Message Service switched on.';
export const SWITCHED_OFF = 'Message Service switched off.';
export const REACTIVATED = 'Reactivate User.';
export const RETRIED = 'Activation retried.';

/** "Assigned to Expressway EMEA (exp-emea-1.acme.example)." */
export function assignedMessage(clusterName: string, nodeHostname: string): string {
  return `Assigned to ${assignmentLabel(clusterName, nodeHostname)}.`;
}

export function assignmentLabel(clusterName: string, nodeHostname: string): string {
  return `${clusterName} (${nodeHostname})`;
}
