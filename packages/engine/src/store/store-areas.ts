import { ALARMS_METHODS, type AlarmsPort } from './alarms-port.ts';
import { DEPLOYMENT_METHODS, type DeploymentPort } from './deployment-port.ts';
import { DIRECTORY_METHODS, type DirectoryPort } from './directory-port.ts';
import { EVENTS_METHODS, type EventsPort } from './events-port.ts';
import { JOBS_METHODS, type JobsPort } from './jobs-port.ts';
import { SIMULATION_METHODS, type SimulationPort } from './simulation-port.ts';
import { USERS_METHODS, type UsersPort } from './users-port.ts';

/**
 * The store's areas, each a port of its own (`<area>-port.ts`: its interface and its method
 * list). The one place that joins them: the Store's methods, their list and the adapters'
 * forwarding all come from here, so a new method touches its port and its adapters, nothing else.
 */
export interface StoreAreas {
  deployment: DeploymentPort;
  directory: DirectoryPort;
  users: UsersPort;
  jobs: JobsPort;
  events: EventsPort;
  alarms: AlarmsPort;
  simulation: SimulationPort;
}

export type StoreArea = keyof StoreAreas;

/** Each area's method names, as values (the compiler checks each list against its port). */
export const STORE_AREAS = {
  deployment: DEPLOYMENT_METHODS,
  directory: DIRECTORY_METHODS,
  users: USERS_METHODS,
  jobs: JOBS_METHODS,
  events: EVENTS_METHODS,
  alarms: ALARMS_METHODS,
  simulation: SIMULATION_METHODS,
} as const satisfies { [A in StoreArea]: Record<keyof StoreAreas[A], true> };

type Intersection<U> = (U extends unknown ? (all: U) => void : never) extends (all: infer I) => void
  ? I
  : never;

/** Every area's methods in one type: the Store without its transactions. */
export type StoreMethods = Intersection<StoreAreas[StoreArea]>;

export type StoreMethodName = keyof StoreMethods;

/**
 * The Store's methods, each made by `method(area, name)`: how an adapter that keeps each area
 * in an object of its own (the embedded ones, a PostgreSQL one alike) forwards the port to them
 * without a hand-written list.
 */
export function storeMethods(
  method: (area: StoreArea, name: string) => (...args: never[]) => Promise<unknown>,
): StoreMethods {
  const entries = Object.entries(STORE_AREAS).flatMap(([area, names]) =>
    Object.keys(names).map((name) => [name, method(area as StoreArea, name)]),
  );
  return Object.fromEntries(entries) as StoreMethods;
}
