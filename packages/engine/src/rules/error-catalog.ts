import type { ActivationErrorCode } from '@hybrid-hub/contract';

export interface ActivationErrorInfo {
  /** What went wrong, in plain words. */
  message: string;
  /** What to do about it: the guide's Troubleshooting checks ("Per User Checks", "IM and Presence Service Checks"). */
  remedy: string;
  /** True when the service tries again by itself; false when an administrator must act. */
  retriedAutomatically: boolean;
}

/** How long the cloud waits before it retries an activation that failed for a passing reason. */
export const ACTIVATION_RETRY_DELAY_MS = 15 * 60 * 1000;

/** Consecutive failed retries wait twice as long each time, up to this many times the first wait. */
export const ACTIVATION_RETRY_BACKOFF_CAP = 8;

/**
 * The wait before the next automatic retry: the first one after `baseMs`, then doubling while the
 * retries keep failing (15 min, 30, 1 h, 2 h, 2 h…), so that a cluster that stays full or down is
 * not hammered. The previous wait is read back from the user as it failed (`dueAt − updatedAt`:
 * both were written by that failure), so no attempt counter needs storing; any other change of
 * the user (Reactivate, the switch) starts again from `baseMs`.
 */
export function nextRetryDelay(
  user: { status: string; dueAt: number | null; updatedAt: number },
  baseMs: number,
): number {
  if (user.status !== 'Error' || user.dueAt === null) return baseMs;
  const previous = user.dueAt - user.updatedAt;
  return Math.min(Math.max(previous * 2, baseMs), baseMs * ACTIVATION_RETRY_BACKOFF_CAP);
}

const REACTIVATE = 'Then open the user and click Reactivate User.';

/** Every activation error code, with the guide's remedy. */
export const ACTIVATION_ERRORS: Readonly<Record<ActivationErrorCode, ActivationErrorInfo>> = {
  NOT_ENTITLED: {
    message: 'The user is not entitled for Hybrid Message.',
    remedy: `Entitle the user for Hybrid Message in Control Hub (and give every user the Message Free entitlement, for example with an automatic license assignment template). ${REACTIVATE}`,
    retriedAutomatically: false,
  },
  NOT_FOUND_ON_PREMISES: {
    message: 'No IM and Presence cluster connected to an Expressway cluster knows this user.',
    remedy: `Check that the user is homed on an IM and Presence Service cluster that is used with Hybrid Message (its publisher is configured on an Expressway cluster), and that the user's email in Control Hub is their mailid there. If you use Directory Connector, check that the LDAP attribute mapped to the cloud UID contains the user's email address. ${REACTIVATE}`,
    retriedAutomatically: false,
  },
  NO_MAIL_ID: {
    message: 'The user has no email address (mailid) in IM and Presence administration.',
    remedy: `Give the user an email address (mailid) in IM and Presence administration, the same as their email in Control Hub. ${REACTIVATE}`,
    retriedAutomatically: false,
  },
  MAIL_ID_MISMATCH: {
    message:
      "The user's email address (mailid) in IM and Presence does not match their email in Control Hub.",
    remedy: `Make the user's email address in IM and Presence match what is in Control Hub (if you import users with Directory Connector, check the LDAP attribute mapped to the cloud UID). ${REACTIVATE}`,
    retriedAutomatically: false,
  },
  DUPLICATE_MAIL_ID: {
    message: 'The user is homed on more than one IM and Presence cluster (duplicate mail ID).',
    remedy: `Users should not be homed on multiple IM and Presence clusters; this can come from the way users are imported to IM and Presence from Active Directory. Run the IM and Presence troubleshooter to find and correct duplicate user accounts. ${REACTIVATE}`,
    retriedAutomatically: false,
  },
  NO_CONNECTOR_AVAILABLE: {
    message:
      'No message connector can serve the user: every node that could is in maintenance mode, has its Message Connector or Management Connector down, or has lost its connection to the cloud.',
    remedy:
      "Check the Expressway cluster that serves the user's IM and Presence cluster: exit maintenance mode, or start the Message Connector and Management Connector (Applications > Hybrid Services > Connector Management), or restore the node's connectivity. Activation is retried automatically.",
    retriedAutomatically: true,
  },
  CLUSTER_AT_CAPACITY: {
    message: 'Every Expressway cluster that could serve the user is full.',
    remedy:
      'Activation is retried automatically when there is room. To make room sooner, add a node to the Expressway cluster or deactivate users who do not need the Message Service.',
    retriedAutomatically: true,
  },
  HOME_NODE_OUTAGE: {
    message:
      "The user's home IM and Presence node is in Outage and has no high-availability peer to take over.",
    remedy: `Restore the IM and Presence Service node, or turn on high availability for its presence redundancy group (then restart the Message Connector on the Expressway cluster). ${REACTIVATE}`,
    retriedAutomatically: false,
  },
  AXL_FAILURE: {
    message: 'The message connector cannot query the IM and Presence publisher over AXL.',
    remedy: `Check that the IM and Presence nodes run the Cisco AXL Web Service (Cisco Unified IM and Presence Serviceability > Tools > Service Activation), that the Message Connector account has the AXL role, and that its username and password are the ones entered on the Message Connector. ${REACTIVATE}`,
    retriedAutomatically: false,
  },
  CERTIFICATE_VALIDATION_FAILED: {
    message:
      'The Expressway cannot validate the certificate presented by the IM and Presence node.',
    remedy: `Certificate validation is On for this IM and Presence publisher: the Expressway must trust the certificate the node presents (add its issuing CA to the Expressway's trusted CA list), or the Hybrid Message Service will not work. ${REACTIVATE}`,
    retriedAutomatically: false,
  },
  DUPLICATE_JID_ACCOUNT: {
    message: "A second Webex account named after the user's Jabber ID (JID) exists.",
    remedy: `Searching for a JID in Webex can create a new account based on the JID, even though an account based on the user's email already exists. Remove the duplicate account named after the JID. ${REACTIVATE}`,
    retriedAutomatically: false,
  },
};

export function activationError(code: ActivationErrorCode): ActivationErrorInfo {
  return ACTIVATION_ERRORS[code];
}

/** Readable UTC time for messages (history lines are read by people). */
export function formatUtc(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The history line of a failed activation; retried errors say when. */
export function activationErrorMessage(code: ActivationErrorCode, retryAt: number | null): string {
  const { message } = ACTIVATION_ERRORS[code];
  return retryAt === null
    ? message
    : `${message} Activation will be retried at ${formatUtc(retryAt)}.`;
}
