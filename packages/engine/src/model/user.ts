import type { ActivationErrorCode, UserStatus } from '@hybrid-hub/contract';

/** A cloud user as the engine stores it. Timestamps are epoch milliseconds. */
export interface CloudUser {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  entitledHybridMessage: boolean;
  entitledMessageFree: boolean;
  messageServiceEnabled: boolean;
  status: UserStatus;
  errorCode: ActivationErrorCode | null;
  errorMessage: string | null;
  /** Expressway cluster and node the user is assigned to; both null or both set. */
  clusterId: string | null;
  nodeId: string | null;
  homeImpNodeId: string | null;
  lastActivityAt: number | null;
  /** When the engine should look at this user again (activation delay or retry); null = never. */
  dueAt: number | null;
  updatedAt: number;
  version: number;
}

/** A user's row joined with the names the console shows next to it. */
export interface UserView extends CloudUser {
  clusterName: string | null;
  nodeHostname: string | null;
}

/** Another cloud account named after a user's JID (SPEC DUPLICATE_JID_ACCOUNT). */
export interface JidAccount {
  orgId: string;
  jid: string;
  createdAt: number;
}

/** One append-only line of a user's history. */
export interface HistoryEntry {
  id: string;
  orgId: string;
  userId: string;
  at: number;
  /** `system`, or the email of the admin who acted. */
  actor: string;
  fromStatus: UserStatus | null;
  toStatus: UserStatus;
  code: ActivationErrorCode | null;
  message: string;
  clusterId: string | null;
  nodeId: string | null;
}
