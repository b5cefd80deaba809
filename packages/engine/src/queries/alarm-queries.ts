import type { Alarm, AlarmListQuery, AlarmListResponse } from '@hybrid-hub/contract';
import { NotFoundError } from '../errors.ts';
import type { AlarmRecord } from '../model/alarm.ts';
import type { Store } from '../store/store.ts';

const iso = (at: number) => new Date(at).toISOString();

export function toAlarm(record: AlarmRecord): Alarm {
  return {
    id: record.id,
    code: record.code,
    severity: record.severity,
    state: record.resolvedAt === null ? 'open' : 'resolved',
    title: record.title,
    detail: record.detail,
    clusterId: record.clusterId,
    clusterName: record.clusterName,
    nodes: record.nodes.map((node) => ({ ...node })),
    firstSeen: iso(record.firstSeen),
    lastSeen: iso(record.lastSeen),
    resolvedAt: record.resolvedAt === null ? null : iso(record.resolvedAt),
  };
}

/**
 * `GET /alarms`: the organization's alarms in one state, most severe then newest first, paged
 * by the store. A cluster filter names a cluster of the organization (another's is not found).
 */
export async function listAlarms(
  store: Store,
  orgId: string,
  query: AlarmListQuery,
): Promise<AlarmListResponse> {
  if (query.clusterId !== undefined && !(await store.getExpresswayCluster(orgId, query.clusterId)))
    throw new NotFoundError('cluster', query.clusterId);
  const page = await store.listAlarms(
    orgId,
    {
      state: query.state,
      ...(query.clusterId !== undefined ? { clusterId: query.clusterId } : {}),
    },
    { page: query.page, pageSize: query.pageSize },
  );
  return {
    items: page.items.map(toAlarm),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
