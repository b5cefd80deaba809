import type { HubEvent } from '@hybrid-hub/contract';
import type { StoredEvent } from '../../model/job.ts';
import type { MemoryHost } from './memory-tables.ts';
import type { SyncPort } from '../embedded.ts';
import type { EventsPort } from '../events-port.ts';

/** Through JSON, as the SQLite store keeps a payload: nothing shared with the caller survives. */
const clone = (event: StoredEvent): StoredEvent => ({
  ...event,
  event: JSON.parse(JSON.stringify(event.event)) as HubEvent,
});

/** The event outbox in memory: one list per organization, in `seq` order. */
export class MemoryEvents implements SyncPort<EventsPort> {
  readonly #byOrg = new Map<string, StoredEvent[]>();
  /** Like AUTOINCREMENT: a pruned event's seq is never handed out again. */
  #lastSeq = 0;

  constructor(private readonly host: Pick<MemoryHost, 'onUndo' | 'writable'>) {}

  appendEvents(orgId: string, at: number, events: readonly HubEvent[]): void {
    if (events.length === 0) return;
    this.host.writable(orgId);
    let list = this.#byOrg.get(orgId);
    if (!list) this.#byOrg.set(orgId, (list = []));
    const lastSeq = this.#lastSeq;
    for (const event of events) list.push(clone({ seq: ++this.#lastSeq, orgId, at, event }));
    const stored = list;
    this.host.onUndo(() => {
      stored.length -= events.length;
      this.#lastSeq = lastSeq;
    });
  }

  listEventsSince(orgId: string, afterSeq: number, limit: number): StoredEvent[] {
    const list = this.#byOrg.get(orgId) ?? [];
    // First event with seq > afterSeq (binary search: the list is in seq order).
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (list[mid]!.seq > afterSeq) high = mid;
      else low = mid + 1;
    }
    return list.slice(low, low + Math.max(0, limit)).map(clone);
  }

  lastEventSeq(orgId: string): number {
    return this.#byOrg.get(orgId)?.at(-1)?.seq ?? 0;
  }

  pruneEvents(before: number): number {
    let pruned = 0;
    for (const [orgId, list] of this.#byOrg) {
      const kept = list.filter((event) => event.at >= before);
      if (kept.length === list.length) continue;
      pruned += list.length - kept.length;
      this.#byOrg.set(orgId, kept);
      this.host.onUndo(() => this.#byOrg.set(orgId, list));
    }
    return pruned;
  }
}
