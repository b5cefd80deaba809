import type { AlarmFilter, AlarmRecord } from '../model/alarm.ts';
import type { PageRequest, Paged } from './paging.ts';

/** Alarms of the deployment, open and resolved. */
export interface AlarmsPort {
  /** Every open alarm of the organization (a handful: one per condition). */
  listOpenAlarms(orgId: string): Promise<AlarmRecord[]>;
  /** Alarms in one state, most severe first, then newest (`firstSeen`) first, then by id. */
  listAlarms(orgId: string, filter: AlarmFilter, page: PageRequest): Promise<Paged<AlarmRecord>>;
  /** Open alarms per Expressway cluster. */
  countOpenAlarmsByCluster(orgId: string): Promise<Map<string, number>>;
  insertAlarms(alarms: readonly AlarmRecord[]): Promise<void>;
  /** Rewrites alarms (matched by organization and id). */
  updateAlarms(alarms: readonly AlarmRecord[]): Promise<void>;
}

export const ALARMS_METHODS = {
  listOpenAlarms: true,
  listAlarms: true,
  countOpenAlarmsByCluster: true,
  insertAlarms: true,
  updateAlarms: true,
} as const satisfies Record<keyof AlarmsPort, true>;
