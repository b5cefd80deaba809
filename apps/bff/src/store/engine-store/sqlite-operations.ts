import type { SyncStore } from '@hybrid-hub/engine';
import type Database from 'better-sqlite3';
import { SqlStatements } from './sql-statements.ts';
import { SqliteDeployment } from './sqlite-deployment.ts';
import { SqliteDirectory } from './sqlite-directory.ts';
import { SqliteEvents } from './sqlite-events.ts';
import { SqliteJobs } from './sqlite-jobs.ts';
import { SqliteAlarms } from './sqlite-alarms.ts';
import { SqliteSimulation } from './sqlite-simulation.ts';
import { SqliteUsers } from './sqlite-users.ts';

/** Every method name of the port, checked complete by the compiler. */
export const STORE_METHODS = Object.keys({
  listOrganizations: 1,
  getOrganization: 1,
  listExpresswayClusters: 1,
  getExpresswayCluster: 1,
  listNodes: 1,
  listImpClusters: 1,
  listImpNodes: 1,
  listPresenceRedundancyGroups: 1,
  findDirectoryEntriesByMailid: 1,
  findDirectoryEntriesByUserid: 1,
  countDirectoryEntries: 1,
  findJidAccount: 1,
  listUsers: 1,
  getUser: 1,
  countUsersByNode: 1,
  countUsersByStatus: 1,
  countAssignedUsersByHomeNode: 1,
  listDueUsers: 1,
  listUsersOnNode: 1,
  countUserActivity: 1,
  listHistory: 1,
  insertOrganization: 1,
  insertDeployment: 1,
  insertDirectoryEntries: 1,
  insertJidAccounts: 1,
  insertUsers: 1,
  updateUser: 1,
  updateUsers: 1,
  updateNode: 1,
  appendHistory: 1,
  findDirectoryEntries: 1,
  findJidAccounts: 1,
  getUsers: 1,
  listUserIds: 1,
  insertJob: 1,
  getJob: 1,
  updateJob: 1,
  listUnfinishedJobs: 1,
  listJobItems: 1,
  listWaitingJobItems: 1,
  updateJobItems: 1,
  listJobFailures: 1,
  appendEvents: 1,
  listEventsSince: 1,
  lastEventSeq: 1,
  pruneEvents: 1,
  updateDirectoryEntry: 1,
  deleteDirectoryEntry: 1,
  deleteJidAccount: 1,
  listSessions: 1,
  countSessions: 1,
  countDirectoryEntriesByHomeNode: 1,
  updateImpNode: 1,
  insertImpNode: 1,
  deleteImpNode: 1,
  updatePresenceRedundancyGroup: 1,
  getClockOffsets: 1,
  advanceClockOffset: 1,
  listOpenAlarms: 1,
  listAlarms: 1,
  countOpenAlarmsByCluster: 1,
  insertAlarms: 1,
  updateAlarms: 1,
} satisfies Record<keyof SyncStore, 1>) as (keyof SyncStore)[];

/**
 * Every Store operation, synchronous, over one connection and one statement cache. Each area
 * keeps its SQL in its own class; this joins their methods into the one object the store binds.
 */
export function sqliteOperations(db: Database.Database): SyncStore {
  const statements = new SqlStatements(db);
  return {
    ...methodsOf(new SqliteDeployment(statements)),
    ...methodsOf(new SqliteDirectory(statements)),
    ...methodsOf(new SqliteUsers(db, statements)),
    ...methodsOf(new SqliteJobs(statements)),
    ...methodsOf(new SqliteEvents(statements)),
    ...methodsOf(new SqliteSimulation(statements)),
    ...methodsOf(new SqliteAlarms(statements)),
  };
}

/**
 * The instance's methods bound to it, as own properties: spreading the instance itself would
 * drop them (they live on the prototype), and the compiler knows it.
 */
function methodsOf<T extends object>(instance: T): { [K in keyof T]: T[K] } {
  const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
  const names = Object.getOwnPropertyNames(prototype).filter(
    (name) => name !== 'constructor' && typeof prototype[name] === 'function',
  );
  const methods = names.map((name) => {
    const method = prototype[name] as (...args: unknown[]) => unknown;
    return [name, method.bind(instance)];
  });
  return Object.fromEntries(methods) as { [K in keyof T]: T[K] };
}
