import { z } from 'zod';
import { Id, IsoDateTime } from './domain.ts';

/**
 * Control Hub's maintenance mode for a connector node (SPEC "Maintenance mode"): the cloud moves
 * the node's users to the other eligible nodes of its cluster at a configured rate, and the node
 * is `In maintenance mode` only once none is left.
 */

export const NodeIdParams = z.strictObject({ id: Id });

export const MaintenanceAction = z.enum(['enter', 'exit']);
export type MaintenanceAction = z.infer<typeof MaintenanceAction>;

/**
 * `POST /api/v1/nodes/{id}/maintenance`, sent with `If-Match: "<revision>"` (the node's
 * `revision` from the cluster page or the preview): 412 when the node changed since, 428 without it.
 * `force` is needed to send the last node that can serve its cluster's users into maintenance.
 */
export const MaintenanceRequest = z.strictObject({
  action: MaintenanceAction,
  force: z.boolean().optional(),
});
export type MaintenanceRequest = z.infer<typeof MaintenanceRequest>;

/** Where the preview expects the moving users to go: balanced, within each node's capacity. */
export const MaintenanceTarget = z.object({
  nodeId: Id,
  hostname: z.string(),
  usersBefore: z.number().int().nonnegative(),
  usersAfter: z.number().int().nonnegative(),
  capacity: z.number().int().positive(),
});
export type MaintenanceTarget = z.infer<typeof MaintenanceTarget>;

export const MaintenanceWarningCode = z.enum([
  /** No other node of the cluster can serve: its users would be left without service. */
  'LAST_AVAILABLE_NODE',
  /** The other nodes cannot hold every moving user: the move will stop until room is made. */
  'INSUFFICIENT_CAPACITY',
  /** Some nodes of the cluster are down or in maintenance and take no users. */
  'NODES_NOT_SERVING',
]);
export type MaintenanceWarningCode = z.infer<typeof MaintenanceWarningCode>;

export const MaintenanceWarning = z.object({ code: MaintenanceWarningCode, message: z.string() });
export type MaintenanceWarning = z.infer<typeof MaintenanceWarning>;

/** `GET /api/v1/nodes/{id}/maintenance/preview`: the impact of entering maintenance now. */
export const MaintenancePreview = z.object({
  nodeId: Id,
  hostname: z.string(),
  /** The node's revision this preview was computed from: send it back as `If-Match`. */
  revision: z.number().int().nonnegative(),
  usersMoving: z.number().int().nonnegative(),
  targets: z.array(MaintenanceTarget),
  /** Users the other nodes have no room for. */
  usersWithoutRoom: z.number().int().nonnegative(),
  ratePerMinute: z.number().positive(),
  /** How long the move takes at the rate (0 when nobody moves). */
  estimatedSeconds: z.number().nonnegative(),
  /** True when this is the last node that can serve the cluster: entering needs `force`. */
  requiresForce: z.boolean(),
  warnings: z.array(MaintenanceWarning),
});
export type MaintenancePreview = z.infer<typeof MaintenancePreview>;

/** While a node is `Entering maintenance mode`: how far the move is, and why it stopped if it did. */
export const MaintenanceProgress = z.object({
  startedAt: IsoDateTime,
  usersAtStart: z.number().int().nonnegative(),
  usersLeft: z.number().int().nonnegative(),
  usersMoved: z.number().int().nonnegative(),
  ratePerMinute: z.number().positive(),
  /** Null while stuck. */
  estimatedCompletionAt: IsoDateTime.nullable(),
  /** Why no user can move now ("The other nodes are full", "…down or in maintenance"), else null. */
  stuckReason: z.string().nullable(),
});
export type MaintenanceProgress = z.infer<typeof MaintenanceProgress>;
