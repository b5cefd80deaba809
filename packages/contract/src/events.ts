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

export const HubEvent = z.discriminatedUnion('type', [UsersChangedEvent, JobProgressEvent]);
export type HubEvent = z.infer<typeof HubEvent>;
export type HubEventType = HubEvent['type'];
export const HUB_EVENT_TYPES = ['users.changed', 'job.progress'] as const satisfies HubEventType[];
