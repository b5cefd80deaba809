import type { ConnectorNode } from '../model/deployment.ts';

type ServingFields = Pick<
  ConnectorNode,
  'messageConnector' | 'managementConnector' | 'connectivity'
>;

/**
 * Whether the node serves the users assigned to it: both connectors run and it reaches the
 * cloud (Degraded still serves). A node entering maintenance mode still serves the users it
 * has not moved yet; one that stopped answering without maintenance mode does not (SPEC: an
 * uncontrolled outage, its users are affected).
 */
export function servesItsUsers(node: ServingFields): boolean {
  return (
    node.messageConnector === 'Running' &&
    node.managementConnector === 'Running' &&
    node.connectivity !== 'Outage'
  );
}

/** Users assigned to `node` that it cannot serve now (0 when it serves them). */
export function affectedUsersOf(node: ServingFields, users: number): number {
  return servesItsUsers(node) ? 0 : users;
}
