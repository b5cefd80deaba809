/**
 * @hybrid-hub/engine — the connector engine's whole public surface.
 * Pure TypeScript (no Node built-ins, no wall clock): it runs in the BFF and in the browser.
 */

// The engine and its queries.
export { createEngine, type Actor, type DueWorkReport, type Engine } from './engine.ts';

// Ports: storage and time.
export type {
  DeploymentRows,
  PageRequest,
  Paged,
  SessionFilter,
  Store,
  StoreCapabilities,
  UserPage,
  UserQuery,
  UserWrite,
} from './store/store.ts';
export type { AlarmsPort } from './store/alarms-port.ts';
export type { DeploymentPort } from './store/deployment-port.ts';
export type { DirectoryPort } from './store/directory-port.ts';
export type { EventsPort } from './store/events-port.ts';
export type { JobsPort } from './store/jobs-port.ts';
export type { SimulationPort } from './store/simulation-port.ts';
export type { UsersPort } from './store/users-port.ts';
export { storeMethods, type StoreAreas, type StoreMethods } from './store/store-areas.ts';
// For embedded adapters (in memory, SQLite): synchronous areas under the async port.
export { embeddedStoreMethods, type SyncAreas, type SyncPort } from './store/embedded.ts';
export { MemoryStore } from './store/memory/memory-store.ts';
export { ManualClock, systemClock, type Clock } from './clock.ts';
export { AsyncMutex } from './async-mutex.ts';

// Errors the engine throws (mapped to problem+json by the BFF).
export { ConflictError, NotFoundError, StaleRevisionError, ValidationError } from './errors.ts';

// The domain model, as stores hold it.
export type {
  ConnectorNode,
  DirectoryEntry,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  Organization,
  PresenceRedundancyGroup,
} from './model/deployment.ts';
export type { CloudUser, HistoryEntry, JidAccount, UserView } from './model/user.ts';
export type { JobItem, JobItemState, JobRecord, StoredEvent, WaitingJobItem } from './model/job.ts';
export type { AlarmFilter, AlarmRecord } from './model/alarm.ts';
export { SEVERITY_RANK } from './rules/alarm-order.ts';

// What every store must share with the others: search words, sort keys, cursors.
export {
  parseUserSearch,
  searchFold,
  searchTerms,
  userSearchText,
  type UserSearch,
} from './search-terms.ts';
export { decodeUserCursor, encodeUserCursor, type UserCursor } from './user-cursor.ts';
export { statusRank } from './user-sort.ts';

// Rules the BFF may show or reuse.
export { ACTIVATION_DELAY_MS } from './rules/activation.ts';
export { labEntries, type LabEntries } from './rules/lab-directory.ts';
export { isNodeEligible, nodeCapacity } from './rules/capacity.ts';
export { activeSince } from './rules/activity.ts';
export { ACTIVATION_ERRORS } from './rules/error-catalog.ts';

// The deterministic demo organizations.
export { seedDemo } from './demo/seed-demo.ts';
export { DEMO_ADMINS, DEMO_PASSWORD, type DemoAdmin } from './demo/demo-admins.ts';

// Export CSV's cells, shared by the BFF's stream and the msw mock.
export { userExportCells } from './queries/export-row.ts';
