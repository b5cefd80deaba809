import { z } from 'zod';
import { SessionMove } from './clusters.ts';
import { Connectivity, Id, ImpNodeStatus, IsoDateTime, MaintenanceState } from './domain.ts';
import { Entitlements } from './users.ts';

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

// --- Lab, second part: the deployment's failures and the simulation clock -------------------

/** A connector node as the Lab controls it. `reachable: false` = the Expressway failed. */
export const LabNode = z.object({
  id: Id,
  clusterId: Id,
  hostname: z.string(),
  reachable: z.boolean(),
  connectivity: Connectivity,
  maintenance: MaintenanceState,
  users: z.number().int().nonnegative(),
});
export type LabNode = z.infer<typeof LabNode>;

export const LabImpNode = z.object({
  id: Id,
  impClusterId: Id,
  address: z.string(),
  isPublisher: z.boolean(),
  /** The version the node runs (the connector may know an older one until restarted). */
  version: z.string(),
  status: ImpNodeStatus,
  axlServiceRunning: z.boolean(),
  /** Known to the Message Connector (discovered through AXL at its last start). */
  discovered: z.boolean(),
  presenceRedundancyGroupId: Id.nullable(),
  /** Message Service sessions on this node now (users whose session it serves). */
  sessions: z.number().int().nonnegative(),
  /** Users homed on this node in the directory (where fallback brings sessions back). */
  homedUsers: z.number().int().nonnegative(),
  sessionMove: SessionMove.nullable(),
});
export type LabImpNode = z.infer<typeof LabImpNode>;

export const LabPresenceGroup = z.object({
  id: Id,
  name: z.string(),
  highAvailability: z.boolean(),
});
export type LabPresenceGroup = z.infer<typeof LabPresenceGroup>;

export const LabDeploymentImpCluster = z.object({
  id: Id,
  name: z.string(),
  /** The Expressway cluster it is configured on, null when not connected. */
  expresswayClusterId: Id.nullable(),
  nodes: z.array(LabImpNode),
  presenceRedundancyGroups: z.array(LabPresenceGroup),
});
export type LabDeploymentImpCluster = z.infer<typeof LabDeploymentImpCluster>;

/**
 * `GET /api/v1/lab/deployment`: every part the Lab can fail, and the simulation clock. Every Lab
 * deployment command answers with this, as it is after the change.
 */
export const LabDeployment = z.object({
  /** The engine's now: the wall clock plus every fast-forward so far. */
  now: IsoDateTime,
  clockOffsetMinutes: z.number().int().nonnegative(),
  clusters: z.array(z.object({ id: Id, name: z.string(), nodes: z.array(LabNode) })),
  impClusters: z.array(LabDeploymentImpCluster),
});
export type LabDeployment = z.infer<typeof LabDeployment>;

/** `PUT /api/v1/lab/nodes/{id}`: fail or recover an Expressway node, or its cloud connectivity. */
export const LabNodeUpdate = z
  .strictObject({ reachable: z.boolean().optional(), connectivity: Connectivity.optional() })
  .refine((u) => Object.keys(u).length > 0, 'say what to change');
export type LabNodeUpdate = z.infer<typeof LabNodeUpdate>;

/**
 * `PUT /api/v1/lab/imp-nodes/{id}`: IM&P node outage and recovery, AXL service down/up, or an
 * upgrade (a new version the connector learns only when restarted).
 */
export const LabImpNodeUpdate = z
  .strictObject({
    status: ImpNodeStatus.optional(),
    axlServiceRunning: z.boolean().optional(),
    version: z.string().trim().min(1).max(40).optional(),
  })
  .refine((u) => Object.keys(u).length > 0, 'say what to change');
export type LabImpNodeUpdate = z.infer<typeof LabImpNodeUpdate>;

/** `POST /api/v1/lab/imp-clusters/{id}/nodes`: add a node on premises (not yet discovered). */
export const LabImpNodeCreate = z.strictObject({
  address: z.string().trim().min(1).max(253),
  presenceRedundancyGroupId: Id.optional(),
});
export type LabImpNodeCreate = z.infer<typeof LabImpNodeCreate>;

/** `PUT /api/v1/lab/presence-groups/{id}`: turn high availability on or off. */
export const LabPresenceGroupUpdate = z.strictObject({ highAvailability: z.boolean() });
export type LabPresenceGroupUpdate = z.infer<typeof LabPresenceGroupUpdate>;

/** `POST /api/v1/lab/clock`: fast-forward the simulation clock (a day at most per step). */
export const LabClockAdvance = z.strictObject({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});
export type LabClockAdvance = z.infer<typeof LabClockAdvance>;
