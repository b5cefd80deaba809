import { z } from 'zod';
import { Entitlements } from './users.ts';
import { Id } from './domain.ts';

/**
 * The Lab (simulation controls, only when enabled): what the on-premises side and the cloud say
 * about one user, and the edits that produce and fix every activation error in front of an admin.
 */

export const LabDirectoryEntry = z.object({
  id: Id,
  impClusterId: Id,
  impClusterName: z.string(),
  /** Whether the IM&P cluster's publisher is configured on an Expressway cluster. */
  connected: z.boolean(),
  userid: z.string(),
  jid: z.string(),
  /** Empty when the IM&P user has no mailid. */
  mailid: z.string(),
  homeImpNodeId: Id,
  homeImpNodeAddress: z.string(),
});
export type LabDirectoryEntry = z.infer<typeof LabDirectoryEntry>;

export const LabImpCluster = z.object({
  id: Id,
  name: z.string(),
  connected: z.boolean(),
  nodes: z.array(z.object({ id: Id, address: z.string() })),
});
export type LabImpCluster = z.infer<typeof LabImpCluster>;

/** `GET /api/v1/lab/users/{id}`. */
export const LabUser = z.object({
  userId: Id,
  email: z.string(),
  entitlements: Entitlements,
  /** The user's entries in every IM&P directory (more than one cluster = duplicate homes). */
  directoryEntries: z.array(LabDirectoryEntry),
  /** A second cloud account named after the user's JID exists. */
  duplicateJidAccount: z.boolean(),
  /** Where the user can be homed (for the editors). */
  impClusters: z.array(LabImpCluster),
});
export type LabUser = z.infer<typeof LabUser>;

/**
 * `PUT /api/v1/lab/users/{id}`: each field present is applied; absent fields stay as they are.
 * `directory` edits the user's main entry (created when `homeImpNodeId` is given and none
 * exists, removed with `remove`); `duplicateHomeImpNodeId` adds a second entry with the same
 * mailid on another IM&P cluster (null removes it).
 */
export const LabUserUpdate = z.strictObject({
  entitlements: Entitlements.partial().optional(),
  directory: z
    .strictObject({
      mailid: z.string().trim().max(320).optional(),
      homeImpNodeId: Id.optional(),
      remove: z.literal(true).optional(),
    })
    .optional(),
  duplicateHomeImpNodeId: Id.nullable().optional(),
  duplicateJidAccount: z.boolean().optional(),
});
export type LabUserUpdate = z.infer<typeof LabUserUpdate>;

/** `GET /api/v1/lab`: whether the Lab is on (the SPA shows its entry only then). */
export const LabStatus = z.object({ enabled: z.boolean() });
export type LabStatus = z.infer<typeof LabStatus>;
