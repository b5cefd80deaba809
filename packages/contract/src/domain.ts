import { z } from 'zod';
import { ACTIVATION_ERROR_CODES, USER_STATUSES } from './vocabulary.ts';

/**
 * The domain's vocabulary, spelled exactly as the console shows it (SPEC "Screens and their words").
 * Engine, BFF, SPA and mocks all use these enums, so a word changes in one place only; the word
 * lists and fixed figures the SPA shows without parsing anything are in vocabulary.ts.
 */

export const UserStatus = z.enum(USER_STATUSES);
export type UserStatus = z.infer<typeof UserStatus>;

/** Activation error codes (SPEC "Rules → Activation"). */
export const ActivationErrorCode = z.enum(ACTIVATION_ERROR_CODES);
export type ActivationErrorCode = z.infer<typeof ActivationErrorCode>;

export const NodeSize = z.enum(['Small', 'Medium', 'Large']);
export type NodeSize = z.infer<typeof NodeSize>;

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
