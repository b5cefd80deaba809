import { z } from 'zod';
import { Id, UserStatus } from './domain.ts';
import { Job } from './jobs.ts';

/**
 * `GET /api/v1/events` (server-sent events). Each message's `event:` is the type below, its
 * `id:` a monotonically increasing sequence number (resume with `Last-Event-ID`), its `data:` the
 * JSON payload.
 */

/** Users whose status or assignment changed; clients refetch what they show of them. */
export const UsersChangedEvent = z.object({
  type: z.literal('users.changed'),
  users: z.array(z.object({ id: Id, status: UserStatus, version: z.number().int() })),
});
export type UsersChangedEvent = z.infer<typeof UsersChangedEvent>;

export const JobProgressEvent = z.object({ type: z.literal('job.progress'), job: Job });
export type JobProgressEvent = z.infer<typeof JobProgressEvent>;

/**
 * Something on a cluster changed: a node (maintenance state or progress, connectors,
 * connectivity), its IM&P nodes (status, failover), or its user totals. Clients refetch it.
 */
export const ClusterChangedEvent = z.object({
  type: z.literal('cluster.changed'),
  clusterId: Id,
  nodeIds: z.array(Id),
});
export type ClusterChangedEvent = z.infer<typeof ClusterChangedEvent>;

/** Alarms were raised, updated or resolved; `open` is the organization's open count now. */
export const AlarmsChangedEvent = z.object({
  type: z.literal('alarms.changed'),
  open: z.number().int().nonnegative(),
});
export type AlarmsChangedEvent = z.infer<typeof AlarmsChangedEvent>;

/**
 * Sent by the stream itself (never stored) when a client resumes from an event the outbox no
 * longer holds (events are kept for a while, then pruned): what it missed is unknown, so it
 * should read everything it shows again. The stream then follows from the newest event.
 */
export const ResyncEvent = z.object({ type: z.literal('resync') });
export type ResyncEvent = z.infer<typeof ResyncEvent>;

export const HubEvent = z.discriminatedUnion('type', [
  UsersChangedEvent,
  JobProgressEvent,
  ClusterChangedEvent,
  AlarmsChangedEvent,
  ResyncEvent,
]);
export type HubEvent = z.infer<typeof HubEvent>;
export type HubEventType = HubEvent['type'];
export const HUB_EVENT_TYPES = [
  'users.changed',
  'job.progress',
  'cluster.changed',
  'alarms.changed',
  'resync',
] as const satisfies HubEventType[];
