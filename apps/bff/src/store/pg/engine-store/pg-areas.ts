import type { StoreAreas } from '@hybrid-hub/engine';
import type { PgQueryable } from '../pg-queryable.ts';
import { PgAlarms } from './pg-alarms.ts';
import { PgDeployment } from './pg-deployment.ts';
import { PgDirectory } from './pg-directory.ts';
import { PgEvents } from './pg-events.ts';
import { PgJobs } from './pg-jobs.ts';
import { PgSimulation } from './pg-simulation.ts';
import { PgUsers } from './pg-users.ts';

/**
 * The port's areas over one PgQueryable: the pool (each call on any free connection) or a
 * transaction's client. Each area keeps its SQL in its own class; the store forwards the port's
 * methods to them from the port's list.
 */
export function pgAreas(sql: PgQueryable): StoreAreas {
  return {
    deployment: new PgDeployment(sql),
    directory: new PgDirectory(sql),
    users: new PgUsers(sql),
    jobs: new PgJobs(sql),
    events: new PgEvents(sql),
    alarms: new PgAlarms(sql),
    simulation: new PgSimulation(sql),
  };
}
