import type { AlarmFilter, AlarmRecord } from '../../model/alarm.ts';
import { assertNew, type MemoryHost } from './memory-tables.ts';
import { compareAlarms } from '../../rules/alarm-order.ts';
import type { PageRequest, Paged } from '../store.ts';
import type { SyncPort } from '../embedded.ts';
import type { AlarmsPort } from '../alarms-port.ts';

const copyAlarm = (alarm: AlarmRecord): AlarmRecord => ({
  ...alarm,
  nodes: alarm.nodes.map((node) => ({ ...node })),
});

/** Alarms in memory: one table per organization, open and resolved alike. */
export class MemoryAlarms implements SyncPort<AlarmsPort> {
  readonly #byOrg = new Map<string, Map<string, AlarmRecord>>();

  constructor(private readonly host: Pick<MemoryHost, 'onUndo' | 'writable'>) {}

  listOpenAlarms(orgId: string): AlarmRecord[] {
    return this.#select(orgId, { state: 'open' }).map(copyAlarm);
  }

  listAlarms(orgId: string, filter: AlarmFilter, page: PageRequest): Paged<AlarmRecord> {
    const all = this.#select(orgId, filter);
    const start = (page.page - 1) * page.pageSize;
    return {
      items: all.slice(start, start + page.pageSize).map(copyAlarm),
      total: all.length,
    };
  }

  countOpenAlarmsByCluster(orgId: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const alarm of this.#select(orgId, { state: 'open' }))
      counts.set(alarm.clusterId, (counts.get(alarm.clusterId) ?? 0) + 1);
    return counts;
  }

  insertAlarms(alarms: readonly AlarmRecord[]): void {
    assertNew(alarms, (alarm) => this.#table(alarm.orgId));
    for (const alarm of alarms) this.#table(alarm.orgId).set(alarm.id, copyAlarm(alarm));
    this.host.onUndo(() => alarms.forEach((alarm) => this.#table(alarm.orgId).delete(alarm.id)));
  }

  updateAlarms(alarms: readonly AlarmRecord[]): void {
    for (const alarm of alarms) {
      const table = this.#byOrg.get(alarm.orgId);
      const stored = table?.get(alarm.id);
      if (!table || !stored) continue;
      table.set(alarm.id, copyAlarm(alarm));
      this.host.onUndo(() => table.set(alarm.id, stored));
    }
  }

  /** In the list's order: most severe, newest, id. */
  #select(orgId: string, filter: AlarmFilter): AlarmRecord[] {
    const open = filter.state === 'open';
    return [...(this.#byOrg.get(orgId)?.values() ?? [])]
      .filter(
        (alarm) =>
          (alarm.resolvedAt === null) === open &&
          (filter.clusterId === undefined || alarm.clusterId === filter.clusterId),
      )
      .sort(compareAlarms);
  }

  #table(orgId: string): Map<string, AlarmRecord> {
    this.host.writable(orgId);
    let table = this.#byOrg.get(orgId);
    if (!table) this.#byOrg.set(orgId, (table = new Map()));
    return table;
  }
}
