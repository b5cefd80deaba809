import type { HubEvent, HubEventType } from '@hybrid-hub/contract';
import type { Query, QueryKey } from '@tanstack/react-query';
import { alarmKeys, clusterKeys, labKeys, overviewKeys, userKeys } from './query-keys.ts';

/** Queries a change makes stale: those under `queryKey`, but for those `except` keeps. */
export interface StaleQueries {
  queryKey: QueryKey;
  except?: (query: Query) => boolean;
}

const isClusterAlarms = (query: Query) => query.queryKey.at(-1) === 'alarms';

/**
 * A user's page already holds this version of the user (put there from a change's answer): the
 * page itself is not read again, what hangs under it (history, checks) is.
 */
function userHeld(id: string, version: number) {
  const key = userKeys.detail(id);
  return (query: Query) =>
    query.queryKey.length === key.length &&
    ((query.state.data as { version?: number } | undefined)?.version ?? -1) >= version;
}

type EventOf<T extends HubEventType> = Extract<HubEvent, { type: T }>;

/**
 * The one map from what the server announces to what the console shows of it, one entry per
 * event type (TypeScript asks for a new type's entry). Only queries on screen are read again
 * (invalidateQueries refetches active queries); the others are marked stale, so a screen
 * opened later reads them afresh.
 */
export const STALE_ON: { [T in HubEventType]: (event: EventOf<T>) => StaleQueries[] } = {
  // Activations, bulk jobs and maintenance moves: the lists and counts, the users named, and
  // the figures built on users (activity, the clusters' loads and status totals).
  'users.changed': (event) => [
    { queryKey: userKeys.lists() },
    { queryKey: userKeys.statusCounts() },
    ...event.users.map(({ id, version }) => ({
      queryKey: userKeys.detail(id),
      except: userHeld(id, version),
    })),
    { queryKey: overviewKeys.activity() },
    { queryKey: clusterKeys.lists() },
    // Every cluster's detail but its alarms (alarms.changed says when those move).
    { queryKey: clusterKeys.details(), except: isClusterAlarms },
  ],
  // Its nodes, maintenance progress, IM and Presence nodes, totals and alarms; the Lab's
  // deployment, so sessions can be watched moving.
  'cluster.changed': (event) => [
    { queryKey: clusterKeys.lists() },
    { queryKey: clusterKeys.detail(event.clusterId) },
    { queryKey: labKeys.deployment() },
  ],
  'alarms.changed': () => [
    { queryKey: alarmKeys.lists() },
    { queryKey: overviewKeys.openAlarms() },
    // The clusters at a glance count their alarms.
    { queryKey: clusterKeys.lists() },
    // Every cluster's alarms, not their details.
    { queryKey: clusterKeys.details(), except: (query) => !isClusterAlarms(query) },
  ],
  // The stream lost track of what this browser missed (it resumed after the outbox was
  // pruned): everything may be stale.
  resync: () => [{ queryKey: [] }],
  // The job's own query follows its events (useBulkJob); its users follow users.changed.
  'job.progress': () => [],
};

/** Every event type, from the map (the contract's list would bring zod into the first load). */
export const STALE_EVENT_TYPES = Object.keys(STALE_ON) as HubEventType[];

export function staleQueriesOf(event: HubEvent): StaleQueries[] {
  // Each entry takes its own event; TypeScript cannot follow the pairing through the index.
  return (STALE_ON[event.type] as (event: HubEvent) => StaleQueries[])(event);
}
