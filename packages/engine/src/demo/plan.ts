import type { ActivationErrorCode } from '@hybrid-hub/contract';
import type { Organization } from '../model/deployment.ts';
import type { DeploymentRows } from '../store/store.ts';

/** An IM&P node users can be homed on, with how many of them (relative weight). */
export interface Home {
  impClusterId: string;
  impNodeId: string;
  weight: number;
}

/** Per-user directory and account problems, as probabilities per user. */
export interface DefectRates {
  NOT_ENTITLED: number;
  NOT_FOUND_ON_PREMISES: number;
  NO_MAIL_ID: number;
  MAIL_ID_MISMATCH: number;
  DUPLICATE_MAIL_ID: number;
  DUPLICATE_JID_ACCOUNT: number;
}
export type Defect = keyof DefectRates;

/**
 * What to generate for one organization. The deployment carries the conditions (a node in
 * maintenance, an IM&P node in Outage, AXL down…); users homed there get the matching errors
 * from `evaluateActivation`, never by decree.
 */
export interface DemoPlan {
  org: Organization;
  /** Cloud email domain, and the IM&P presence domain of JIDs. */
  domain: string;
  imDomain: string;
  users: number;
  deployment: DeploymentRows;
  homes: Home[];
  /** Homes on healthy, connected IM&P nodes: for users whose problem must be their own. */
  healthyHomes: Home[];
  /** Where to home a user so that activation meets this deployment condition. */
  conditionHomes: Partial<Record<ActivationErrorCode, Home>>;
  defectRates: DefectRates;
  notActivatedRate: number;
  pendingRate: number;
  /** Below the size where a cluster can really fill, some users carry an earlier at-capacity failure. */
  historicalCapacityRate: number;
  /** Make sure every ActivationErrorCode appears at least once. */
  everyErrorCode: boolean;
  /** Directory entries of people with no cloud account (Jabber-only users), per cloud user. */
  onPremisesOnlyRate: number;
}

export const ENABLED_SHARE = 0.82;
