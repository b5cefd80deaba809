import type { CloudUser } from '../model/user.ts';
import { activationErrorMessage } from './error-catalog.ts';
import { changed, line, SYSTEM_ACTOR, type UserChange } from './user-transitions.ts';

/**
 * What maintenance mode does to one user, as user-transitions.ts does for activation: the user
 * as it becomes and the history line that records it.
 */

/** "Moved from A to B: A is entering maintenance mode." */
export function movedMessage(fromHostname: string, toHostname: string): string {
  return `Moved from ${fromHostname} to ${toHostname}: ${fromHostname} is entering maintenance mode.`;
}

/** The cloud moves a user off a node entering maintenance mode, to another node of its cluster. */
export function moveUser(
  user: CloudUser,
  to: { nodeId: string; hostname: string },
  fromHostname: string,
  at: number,
): UserChange {
  return {
    before: user,
    after: changed(user, at, { nodeId: to.nodeId }),
    lines: [
      line(SYSTEM_ACTOR, user.status, user.status, movedMessage(fromHostname, to.hostname), {
        clusterId: user.clusterId,
        nodeId: to.nodeId,
      }),
    ],
  };
}

export const NO_CONNECTOR_AVAILABLE = 'NO_CONNECTOR_AVAILABLE' as const;

/**
 * A node forced into maintenance mode with no other node to serve its users: each goes to
 * `Error` NO_CONNECTOR_AVAILABLE and is retried automatically, as activation does, so that the
 * users come back by themselves once a node of the cluster serves again.
 */
export function leaveWithoutConnector(
  user: CloudUser,
  hostname: string,
  at: number,
  retryDelayMs: number,
): UserChange {
  const retryAt = at + retryDelayMs;
  const message = activationErrorMessage(NO_CONNECTOR_AVAILABLE, retryAt);
  return {
    before: user,
    after: changed(user, at, {
      status: 'Error',
      errorCode: NO_CONNECTOR_AVAILABLE,
      errorMessage: message,
      clusterId: null,
      nodeId: null,
      dueAt: retryAt,
    }),
    lines: [
      line(
        SYSTEM_ACTOR,
        user.status,
        'Error',
        `${hostname} was put into maintenance mode with no other node to serve its users. ${message}`,
        { code: NO_CONNECTOR_AVAILABLE, clusterId: user.clusterId, nodeId: user.nodeId },
      ),
    ],
  };
}
