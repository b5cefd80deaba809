/**
 * The key families of the cache that server events make stale (live-updates.ts). Each feature's
 * query factory builds its queries on its family here, so an event and a screen name the same
 * key without one feature reaching into another, and no key is typed twice. Keys go from general
 * to specific: invalidating a family also reaches what hangs under it (a user's history under
 * the user, a cluster's alarms under the cluster).
 */
export const userKeys = {
  all: () => ['users'] as const,
  lists: () => [...userKeys.all(), 'list'] as const,
  statusCounts: () => [...userKeys.all(), 'status-counts'] as const,
  details: () => [...userKeys.all(), 'detail'] as const,
  detail: (id: string) => [...userKeys.details(), id] as const,
};

export const clusterKeys = {
  all: () => ['clusters'] as const,
  lists: () => [...clusterKeys.all(), 'list'] as const,
  details: () => [...clusterKeys.all(), 'detail'] as const,
  detail: (id: string) => [...clusterKeys.details(), id] as const,
  /** A cluster's open alarms: under its detail, so a change of the cluster reads them again. */
  alarms: (id: string) => [...clusterKeys.detail(id), 'alarms'] as const,
};

export const alarmKeys = {
  all: () => ['alarms'] as const,
  lists: () => [...alarmKeys.all(), 'list'] as const,
};

export const overviewKeys = {
  all: () => ['overview'] as const,
  activity: () => [...overviewKeys.all(), 'activity'] as const,
  openAlarms: () => [...overviewKeys.all(), 'open-alarms'] as const,
};

export const labKeys = {
  all: () => ['lab'] as const,
  deployment: () => [...labKeys.all(), 'deployment'] as const,
};
