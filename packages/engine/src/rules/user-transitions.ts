import type { UserStatus } from '@hybrid-hub/contract';
import type { CloudUser, HistoryEntry } from '../model/user.ts';
import type { ActivationOutcome } from './activation.ts';
import { ACTIVATION_ERRORS, activationErrorMessage, nextRetryDelay } from './error-catalog.ts';
import {
  assignedMessage,
  REACTIVATED,
  RETRIED,
  SWITCHED_OFF,
  SWITCHED_ON,
} from './history-lines.ts';

/**
 * The Message Service's state changes of one user, as pure functions: each returns the user as
 * it becomes and the history lines that record it (a no-op returns null). Commands, the due work
 * and bulk jobs all go through these, so a status change always comes with its history line.
 */

/** One history line before it gets an id, an organization, a user and a time. */
export type HistoryLine = Omit<HistoryEntry, 'id' | 'orgId' | 'userId' | 'at'>;

export interface UserChange {
  /** The user as read: `after` is written only if the stored version is still `before.version`. */
  before: CloudUser;
  after: CloudUser;
  /** Oldest first; empty when nothing a person would read about changed. */
  lines: HistoryLine[];
}

export const SYSTEM_ACTOR = 'system';

/** Bumps the version and time of a changed user (the optimistic-concurrency guard). */
export function changed(user: CloudUser, at: number, fields: Partial<CloudUser>): CloudUser {
  return { ...user, ...fields, updatedAt: at, version: user.version + 1 };
}

const UNASSIGNED = {
  errorCode: null,
  errorMessage: null,
  clusterId: null,
  nodeId: null,
  homeImpNodeId: null,
} satisfies Partial<CloudUser>;

export function line(
  actor: string,
  fromStatus: UserStatus,
  toStatus: UserStatus,
  message: string,
  extra: Partial<Pick<HistoryLine, 'code' | 'clusterId' | 'nodeId'>> = {},
): HistoryLine {
  return {
    actor,
    fromStatus,
    toStatus,
    message,
    code: extra.code ?? null,
    clusterId: extra.clusterId ?? null,
    nodeId: extra.nodeId ?? null,
  };
}

/**
 * The "Message Service" switch. On: Pending, evaluated once `activationDelayMs` has passed.
 * Off: Not activated, assignment and error cleared, nothing due. Setting it to what it is
 * already changes nothing (and writes no history).
 */
export function switchMessageService(
  user: CloudUser,
  enabled: boolean,
  actor: string,
  at: number,
  activationDelayMs: number,
): UserChange | null {
  if (user.messageServiceEnabled === enabled) return null;
  if (enabled) {
    return {
      before: user,
      after: changed(user, at, {
        ...UNASSIGNED,
        messageServiceEnabled: true,
        status: 'Pending',
        dueAt: at + activationDelayMs,
      }),
      lines: [line(actor, user.status, 'Pending', SWITCHED_ON)],
    };
  }
  return {
    before: user,
    after: changed(user, at, {
      ...UNASSIGNED,
      messageServiceEnabled: false,
      status: 'Not activated',
      dueAt: null,
    }),
    lines: [line(actor, user.status, 'Not activated', SWITCHED_OFF)],
  };
}

export type ReactivateResult =
  | { kind: 'change'; change: UserChange }
  /** Already Pending: activation is under way, nothing to do (Reactivate User is idempotent). */
  | { kind: 'unchanged' }
  /** The switch is off: there is nothing to reactivate. */
  | { kind: 'refused'; message: string };

export const REACTIVATE_WHEN_OFF =
  'The Message Service is off for this user: switch it on (activate) instead of reactivating.';

/** Reactivate User: an Error or Active user goes back to Pending, assignment freed. */
export function reactivate(
  user: CloudUser,
  actor: string,
  at: number,
  activationDelayMs: number,
): ReactivateResult {
  if (!user.messageServiceEnabled || user.status === 'Not activated')
    return { kind: 'refused', message: REACTIVATE_WHEN_OFF };
  if (user.status === 'Pending') return { kind: 'unchanged' };
  return {
    kind: 'change',
    change: {
      before: user,
      after: changed(user, at, { ...UNASSIGNED, status: 'Pending', dueAt: at + activationDelayMs }),
      lines: [line(actor, user.status, 'Pending', REACTIVATED)],
    },
  };
}

/** Where the due work stands with a user whose `dueAt` has come. */
export type DueKind = 'activate' | 'retry' | 'stale';

/**
 * Pending users are evaluated; users in an Error the service retries by itself are retried;
 * anything else carrying a due time (a user changed since it was set) just has it cleared.
 */
export function dueKind(user: CloudUser): DueKind {
  if (!user.messageServiceEnabled) return 'stale';
  if (user.status === 'Pending') return 'activate';
  if (
    user.status === 'Error' &&
    user.errorCode !== null &&
    ACTIVATION_ERRORS[user.errorCode].retriedAutomatically
  )
    return 'retry';
  return 'stale';
}

/** Names the history lines give an assignment. */
export interface AssignmentNames {
  clusterName(clusterId: string): string;
  nodeHostname(nodeId: string): string;
}

/**
 * Writes an activation's outcome on a due user. A retried Error first goes back to Pending
 * ("Activation retried."), then to its outcome; an Error the service retries carries the next
 * attempt's time in its message and in `dueAt`.
 */
export function applyActivationOutcome(
  user: CloudUser,
  outcome: ActivationOutcome,
  at: number,
  retryDelayMs: number,
  names: AssignmentNames,
): UserChange {
  const lines: HistoryLine[] = [];
  if (user.status !== 'Pending') lines.push(line(SYSTEM_ACTOR, user.status, 'Pending', RETRIED));
  if (outcome.kind === 'assign') {
    const where = { clusterId: outcome.clusterId, nodeId: outcome.nodeId };
    lines.push(
      line(
        SYSTEM_ACTOR,
        'Pending',
        'Active',
        assignedMessage(names.clusterName(where.clusterId), names.nodeHostname(where.nodeId)),
        where,
      ),
    );
    return {
      before: user,
      after: changed(user, at, {
        ...UNASSIGNED,
        ...where,
        status: 'Active',
        homeImpNodeId: outcome.sessionImpNodeId,
        dueAt: null,
      }),
      lines,
    };
  }
  const retryAt = ACTIVATION_ERRORS[outcome.code].retriedAutomatically
    ? at + nextRetryDelay(user, retryDelayMs)
    : null;
  const message = activationErrorMessage(outcome.code, retryAt);
  lines.push(
    line(SYSTEM_ACTOR, 'Pending', 'Error', message, {
      code: outcome.code,
      clusterId: outcome.clusterId,
    }),
  );
  return {
    before: user,
    after: changed(user, at, {
      ...UNASSIGNED,
      status: 'Error',
      errorCode: outcome.code,
      errorMessage: message,
      homeImpNodeId: outcome.homeImpNodeId,
      dueAt: retryAt,
    }),
    lines,
  };
}

/** A due time that no longer means anything: cleared, with no history (nothing changed). */
export function clearDue(user: CloudUser, at: number): UserChange {
  return { before: user, after: changed(user, at, { dueAt: null }), lines: [] };
}
