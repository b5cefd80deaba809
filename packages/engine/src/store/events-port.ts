import type { HubEvent } from '@hybrid-hub/contract';
import type { StoredEvent } from '../model/job.ts';

/** The outbox: events written in the same transaction as the change they announce. */
export interface EventsPort {
  /** Appends events; each gets the next `seq` (strictly increasing across the whole store). */
  appendEvents(orgId: string, at: number, events: readonly HubEvent[]): Promise<void>;
  /** The organization's events with `seq` > `afterSeq`, oldest first, at most `limit`. */
  listEventsSince(orgId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /** The highest `seq` stored for the organization (0 when none). */
  lastEventSeq(orgId: string): Promise<number>;
  /** Deletes events older than `before` (ms); returns how many. */
  pruneEvents(before: number): Promise<number>;
}

export const EVENTS_METHODS = {
  appendEvents: true,
  listEventsSince: true,
  lastEventSeq: true,
  pruneEvents: true,
} as const satisfies Record<keyof EventsPort, true>;
