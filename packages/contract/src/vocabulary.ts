import type { NodeSize } from './domain.ts';

/**
 * The domain's words and fixed figures as plain values: the spelling domain.ts makes its enums
 * from. Free of zod, so a screen that only shows or offers them (the Users status filter and
 * counts, a cluster's capacity, the bulk actions' limit) downloads no schema for them.
 */

/** A user's Message Service status (SPEC "Screens and their words"). */
export const USER_STATUSES = ['Not activated', 'Pending', 'Active', 'Error'] as const;

/** Activation error codes (SPEC "Rules → Activation"). */
export const ACTIVATION_ERROR_CODES = [
  'NOT_ENTITLED',
  'NOT_FOUND_ON_PREMISES',
  'NO_MAIL_ID',
  'MAIL_ID_MISMATCH',
  'DUPLICATE_MAIL_ID',
  'NO_CONNECTOR_AVAILABLE',
  'CLUSTER_AT_CAPACITY',
  'HOME_NODE_OUTAGE',
  'AXL_FAILURE',
  'CERTIFICATE_VALIDATION_FAILED',
  'DUPLICATE_JID_ACCOUNT',
] as const;

/** Message Service users one connector node of each size can hold (SPEC "Capacity"). */
export const NODE_CAPACITY: Readonly<Record<NodeSize, number>> = {
  Small: 5000,
  Medium: 6500,
  Large: 15000,
};

/** An organization holds up to this many Message Service users (SPEC "Capacity"). */
export const ORGANIZATION_USER_LIMIT = 195_000;

/** Most ids one bulk request may name; beyond that, select by filter (jobs.ts). */
export const BULK_MAX_IDS = 5000;
