import type { ActivationErrorCode, UserStatus } from '@hybrid-hub/contract';
import type { HistoryEntry } from '../model/user.ts';
import {
  ACTIVATION_ERRORS,
  ACTIVATION_RETRY_DELAY_MS,
  activationErrorMessage,
} from '../rules/error-catalog.ts';
import {
  REACTIVATED,
  RETRIED,
  SWITCHED_OFF,
  SWITCHED_ON,
  assignedMessage,
} from '../rules/history-lines.ts';
import type { Random } from './random.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How long the demo's cloud took to find and assign a user. */
const lookupTime = (random: Random) => random.int(2_000, 6_000);

/** Builds one user's history lines, oldest first, with ids from a shared sequence. */
export class HistoryWriter {
  readonly lines: HistoryEntry[] = [];

  constructor(
    private readonly orgId: string,
    private readonly userId: string,
    private readonly nextId: () => string,
  ) {}

  add(
    at: number,
    actor: string,
    fromStatus: UserStatus | null,
    toStatus: UserStatus,
    message: string,
    extra: { code?: ActivationErrorCode; clusterId?: string | null; nodeId?: string | null } = {},
  ): number {
    this.lines.push({
      id: this.nextId(),
      orgId: this.orgId,
      userId: this.userId,
      at,
      actor,
      fromStatus,
      toStatus,
      code: extra.code ?? null,
      message,
      clusterId: extra.clusterId ?? null,
      nodeId: extra.nodeId ?? null,
    });
    return at;
  }
}

export interface Assignment {
  clusterId: string;
  nodeId: string;
  clusterName: string;
  nodeHostname: string;
}

/** Switched on days ago, assigned seconds later; some had an earlier failure, since fixed. */
export function activeHistory(
  h: HistoryWriter,
  random: Random,
  now: number,
  admin: string,
  to: Assignment,
): number {
  const activatedAt = now - random.between(4 * DAY, 200 * DAY);
  if (random.chance(0.12)) {
    const code = random.pick<ActivationErrorCode>([
      'NO_MAIL_ID',
      'MAIL_ID_MISMATCH',
      'NOT_ENTITLED',
    ]);
    const firstAt = activatedAt - random.between(1 * DAY, 20 * DAY);
    h.add(firstAt, admin, 'Not activated', 'Pending', SWITCHED_ON);
    h.add(
      firstAt + lookupTime(random),
      'system',
      'Pending',
      'Error',
      ACTIVATION_ERRORS[code].message,
      { code },
    );
    h.add(activatedAt, admin, 'Error', 'Pending', REACTIVATED);
  } else {
    h.add(activatedAt, admin, 'Not activated', 'Pending', SWITCHED_ON);
  }
  return h.add(
    activatedAt + lookupTime(random),
    'system',
    'Pending',
    'Active',
    assignedMessage(to.clusterName, to.nodeHostname),
    to,
  );
}

/**
 * A failed activation. Errors the cloud retries show each attempt and when the next one is due
 * (returned as the user's `dueAt`); the others wait for an administrator.
 */
export function errorHistory(
  h: HistoryWriter,
  random: Random,
  now: number,
  admin: string,
  code: ActivationErrorCode,
  clusterId: string | null,
  recentOnly = false,
): number | null {
  const failed = { code, clusterId };
  if (!ACTIVATION_ERRORS[code].retriedAutomatically) {
    const at = now - random.between(10 * MINUTE, 30 * DAY);
    h.add(at, admin, 'Not activated', 'Pending', SWITCHED_ON);
    h.add(
      at + lookupTime(random),
      'system',
      'Pending',
      'Error',
      activationErrorMessage(code, null),
      failed,
    );
    return null;
  }
  const lastAttempt = now - random.between(1 * MINUTE, 14 * MINUTE);
  if (recentOnly) {
    h.add(lastAttempt, admin, 'Not activated', 'Pending', SWITCHED_ON);
  } else {
    const firstAt = now - random.between(1 * DAY, 10 * DAY);
    const firstFailure = firstAt + lookupTime(random);
    h.add(firstAt, admin, 'Not activated', 'Pending', SWITCHED_ON);
    h.add(
      firstFailure,
      'system',
      'Pending',
      'Error',
      activationErrorMessage(code, firstFailure + ACTIVATION_RETRY_DELAY_MS),
      failed,
    );
    h.add(lastAttempt, 'system', 'Error', 'Pending', RETRIED);
  }
  const failedAt = lastAttempt + lookupTime(random);
  const retryAt = failedAt + ACTIVATION_RETRY_DELAY_MS;
  h.add(failedAt, 'system', 'Pending', 'Error', activationErrorMessage(code, retryAt), failed);
  return retryAt;
}

/** Switched on a moment ago: the cloud looks at it again in a few seconds. */
export function pendingHistory(
  h: HistoryWriter,
  random: Random,
  now: number,
  admin: string,
): number {
  h.add(now - random.between(0, 1_000), admin, 'Not activated', 'Pending', SWITCHED_ON);
  return now + random.int(2_000, 5_000);
}

/** Used the service once, then switched off (returns when they last used it). */
export function switchedOffHistory(
  h: HistoryWriter,
  random: Random,
  now: number,
  admin: string,
  to: Assignment,
): number {
  const onAt = now - random.between(30 * DAY, 300 * DAY);
  const offAt = onAt + random.between(1 * DAY, 25 * DAY);
  h.add(onAt, admin, 'Not activated', 'Pending', SWITCHED_ON);
  h.add(
    onAt + lookupTime(random),
    'system',
    'Pending',
    'Active',
    assignedMessage(to.clusterName, to.nodeHostname),
    to,
  );
  h.add(offAt, admin, 'Active', 'Not activated', SWITCHED_OFF);
  return offAt - random.between(3_600_000, 5 * DAY);
}
