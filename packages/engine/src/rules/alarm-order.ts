import type { AlarmSeverity } from '@hybrid-hub/contract';
import type { AlarmRecord } from '../model/alarm.ts';

/** Most severe first: the alarms list's first key (stores keep it as a number to sort on). */
export const SEVERITY_RANK: Record<AlarmSeverity, number> = {
  critical: 0,
  error: 1,
  warning: 2,
  info: 3,
};

/** The alarms list's order: most severe first, then newest (`firstSeen`) first, then by id. */
export function compareAlarms(
  a: Pick<AlarmRecord, 'severity' | 'firstSeen' | 'id'>,
  b: Pick<AlarmRecord, 'severity' | 'firstSeen' | 'id'>,
): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    b.firstSeen - a.firstSeen ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
