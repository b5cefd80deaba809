import type { AlarmRecord } from '../model/alarm.ts';
import type { AlarmCondition } from './alarm-conditions.ts';

/**
 * `lastSeen` moves at most this often while a condition holds: the due work reconciles every
 * few hundred milliseconds, and writing every open alarm each time would be a steady stream of
 * writes for a timestamp nobody reads to the millisecond.
 */
export const ALARM_LAST_SEEN_STEP_MS = 60_000;

export interface AlarmChanges {
  raised: AlarmRecord[];
  /** Open alarms rewritten: what they say changed, they were seen again, or they resolved. */
  updated: AlarmRecord[];
  /** Something an admin would see changed (raised, resolved, reworded): announce it. */
  announce: boolean;
  /** Open alarms after the changes. */
  openCount: number;
}

/**
 * Turns the conditions that hold now into alarm changes against the open alarms: a condition
 * without an open alarm raises one; an open alarm whose condition holds takes its current words
 * and nodes, its `lastSeen` moving (at most every ALARM_LAST_SEEN_STEP_MS unless reworded); an
 * open alarm whose condition went away is resolved. A resolved alarm never reopens: the
 * condition coming back raises a new one.
 */
export function reconcileAlarms(
  open: readonly AlarmRecord[],
  conditions: readonly AlarmCondition[],
  context: {
    orgId: string;
    at: number;
    clusterName(clusterId: string): string;
    newId(): string;
  },
): AlarmChanges {
  const { at } = context;
  const openByKey = new Map(open.map((alarm) => [alarm.key, alarm]));
  const raised: AlarmRecord[] = [];
  const updated: AlarmRecord[] = [];
  let announce = false;
  const holding = new Set<string>();
  for (const condition of conditions) {
    if (holding.has(condition.key)) continue;
    holding.add(condition.key);
    const current = {
      code: condition.code,
      severity: condition.severity,
      title: condition.title,
      detail: condition.detail,
      clusterId: condition.clusterId,
      clusterName: context.clusterName(condition.clusterId),
      nodes: condition.nodes,
    };
    const alarm = openByKey.get(condition.key);
    if (!alarm) {
      raised.push({
        id: context.newId(),
        orgId: context.orgId,
        key: condition.key,
        ...current,
        firstSeen: at,
        lastSeen: at,
        resolvedAt: null,
      });
      announce = true;
      continue;
    }
    const reworded = !sameWords(alarm, current);
    if (reworded || at - alarm.lastSeen >= ALARM_LAST_SEEN_STEP_MS) {
      updated.push({ ...alarm, ...current, lastSeen: Math.max(alarm.lastSeen, at) });
      announce ||= reworded;
    }
  }
  for (const alarm of open) {
    if (holding.has(alarm.key)) continue;
    updated.push({ ...alarm, resolvedAt: at });
    announce = true;
  }
  return { raised, updated, announce, openCount: holding.size };
}

function sameWords(
  alarm: AlarmRecord,
  current: Pick<
    AlarmRecord,
    'code' | 'severity' | 'title' | 'detail' | 'clusterId' | 'clusterName' | 'nodes'
  >,
): boolean {
  return (
    alarm.severity === current.severity &&
    alarm.title === current.title &&
    alarm.detail === current.detail &&
    alarm.clusterId === current.clusterId &&
    alarm.clusterName === current.clusterName &&
    alarm.nodes.length === current.nodes.length &&
    alarm.nodes.every(
      (node, i) => node.id === current.nodes[i]!.id && node.name === current.nodes[i]!.name,
    )
  );
}
