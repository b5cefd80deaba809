import type { Store } from './store.ts';

type StoreMethods = Omit<Store, 'transaction' | 'othersWaiting' | 'close'>;

/**
 * The Store's methods, synchronous: what an embedded store (in memory, better-sqlite3) really
 * does under the async port, before it wraps each call in a promise.
 */
export type SyncStore = {
  [K in keyof StoreMethods]: (
    ...args: Parameters<StoreMethods[K]>
  ) => Awaited<ReturnType<StoreMethods[K]>>;
};

/*
 * The port's methods of one area, for a store that keeps each area in a class of its own
 * (`implements Pick<SyncStore, JobMethods>`): both embedded stores split them the same way.
 */

export type DirectoryMethods =
  | 'findDirectoryEntriesByMailid'
  | 'findDirectoryEntriesByUserid'
  | 'countDirectoryEntries'
  | 'findJidAccount'
  | 'findDirectoryEntries'
  | 'findJidAccounts'
  | 'insertDirectoryEntries'
  | 'insertJidAccounts'
  | 'updateDirectoryEntry'
  | 'deleteDirectoryEntry'
  | 'deleteJidAccount';

export type JobMethods =
  | 'insertJob'
  | 'getJob'
  | 'updateJob'
  | 'listUnfinishedJobs'
  | 'listJobItems'
  | 'listWaitingJobItems'
  | 'updateJobItems'
  | 'listJobFailures';

export type EventMethods = 'appendEvents' | 'listEventsSince' | 'lastEventSeq' | 'pruneEvents';

export type SimulationMethods =
  | 'listSessions'
  | 'countSessions'
  | 'countDirectoryEntriesByHomeNode'
  | 'updateImpNode'
  | 'insertImpNode'
  | 'deleteImpNode'
  | 'updatePresenceRedundancyGroup'
  | 'getClockOffsets'
  | 'advanceClockOffset';

export type AlarmMethods =
  'listOpenAlarms' | 'listAlarms' | 'countOpenAlarmsByCluster' | 'insertAlarms' | 'updateAlarms';
