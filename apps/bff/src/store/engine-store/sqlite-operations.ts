import type { SyncAreas } from '@hybrid-hub/engine';
import type Database from 'better-sqlite3';
import type { PageAnchors } from './page-anchors.ts';
import { SqlStatements } from './sql-statements.ts';
import { SqliteDeployment } from './sqlite-deployment.ts';
import { SqliteDirectory } from './sqlite-directory.ts';
import { SqliteEvents } from './sqlite-events.ts';
import { SqliteJobs } from './sqlite-jobs.ts';
import { SqliteAlarms } from './sqlite-alarms.ts';
import { SqliteSimulation } from './sqlite-simulation.ts';
import { SqliteUsers } from './sqlite-users.ts';

/**
 * The port's areas, synchronous, over one connection and one statement cache: each area keeps
 * its SQL in its own class (the store forwards the port's methods to them from the port's list).
 */
export function sqliteOperations(db: Database.Database, anchors?: PageAnchors): SyncAreas {
  const statements = new SqlStatements(db);
  return {
    deployment: new SqliteDeployment(statements),
    directory: new SqliteDirectory(statements),
    users: new SqliteUsers(db, statements, anchors),
    jobs: new SqliteJobs(statements),
    events: new SqliteEvents(statements),
    simulation: new SqliteSimulation(statements),
    alarms: new SqliteAlarms(statements),
  };
}
