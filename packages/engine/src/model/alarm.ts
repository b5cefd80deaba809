import type { AlarmCode, AlarmSeverity } from '@hybrid-hub/contract';

/**
 * An alarm as the engine stores it: raised when its condition appears (`firstSeen`), `lastSeen`
 * moving while the condition holds, resolved when it goes away (`resolvedAt`; then it never
 * reopens: the condition coming back raises a new alarm). Timestamps are epoch milliseconds.
 */
export interface AlarmRecord {
  id: string;
  orgId: string;
  /**
   * What the alarm is about, stable while its condition holds (`CODE:subject id`): the
   * reconcile step matches open alarms to conditions by it.
   */
  key: string;
  code: AlarmCode;
  severity: AlarmSeverity;
  title: string;
  detail: string;
  /** The Expressway cluster the alarm belongs to, and its name when raised. */
  clusterId: string;
  clusterName: string;
  /** Connector nodes or IM&P nodes the alarm is about (name = hostname or address). */
  nodes: { id: string; name: string }[];
  firstSeen: number;
  lastSeen: number;
  resolvedAt: number | null;
}

export interface AlarmFilter {
  state: 'open' | 'resolved';
  clusterId?: string;
}
