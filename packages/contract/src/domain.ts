import { z } from 'zod';

/**
 * The domain's vocabulary, spelled exactly as the console shows it (SPEC "Screens and their words").
 * Engine, BFF, SPA and mocks all use these enums, so a word changes in one place only.
 */

export const UserStatus = z.enum(['Not activated', 'Pending', 'Active', 'Error']);
export type UserStatus = z.infer<typeof UserStatus>;
export const USER_STATUSES = UserStatus.options;

/** Activation error codes (SPEC "Rules → Activation"). */
export const ActivationErrorCode = z.enum([
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
]);
export type ActivationErrorCode = z.infer<typeof ActivationErrorCode>;
export const ACTIVATION_ERROR_CODES = ActivationErrorCode.options;

export const NodeSize = z.enum(['Small', 'Medium', 'Large']);
export type NodeSize = z.infer<typeof NodeSize>;

/** Message Service users one connector node of each size can hold (SPEC "Capacity"). */
export const NODE_CAPACITY: Readonly<Record<NodeSize, number>> = {
  Small: 5000,
  Medium: 6500,
  Large: 15000,
};

/** An organization holds up to this many Message Service users (SPEC "Capacity"). */
export const ORGANIZATION_USER_LIMIT = 195_000;

export const Connectivity = z.enum(['Operational', 'Degraded', 'Outage']);
export type Connectivity = z.infer<typeof Connectivity>;

export const ConnectorState = z.enum(['Running', 'Stopped', 'Disabled', 'Not responding']);
export type ConnectorState = z.infer<typeof ConnectorState>;

export const MaintenanceState = z.enum(['Off', 'Entering maintenance mode', 'In maintenance mode']);
export type MaintenanceState = z.infer<typeof MaintenanceState>;

export const ImpNodeStatus = z.enum(['Operational', 'Outage']);
export type ImpNodeStatus = z.infer<typeof ImpNodeStatus>;

export const OnOff = z.enum(['On', 'Off']);
export type OnOff = z.infer<typeof OnOff>;

/** Ids are opaque strings: short, URL-safe, never parsed by clients. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
export type Id = z.infer<typeof Id>;

/** Timestamps travel as ISO 8601 strings in UTC. */
export const IsoDateTime = z.iso.datetime();
