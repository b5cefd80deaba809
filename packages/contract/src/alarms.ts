import { z } from 'zod';
import { Id, IsoDateTime } from './domain.ts';
import { pageOf, PageNumber, PageSize } from './paging.ts';

/**
 * Alarms the engine raises from the deployment's state (SPEC: alarms with severity, first and
 * last seen, affected nodes). An alarm is raised when its condition appears, its `lastSeen`
 * moves while the condition holds, and it is resolved when the condition goes away. Conditions
 * on a node in maintenance mode raise nothing (alarms are muted there).
 */

export const AlarmSeverity = z.enum(['critical', 'error', 'warning', 'info']);
export type AlarmSeverity = z.infer<typeof AlarmSeverity>;

export const AlarmCode = z.enum([
  /** A connector node lost its connection to the cloud (connectivity Outage). */
  'CLOUD_CONNECTIVITY_LOST',
  /** A connector node's connection to the cloud is Degraded. */
  'CLOUD_CONNECTIVITY_DEGRADED',
  /** A connector node stopped answering without maintenance mode (uncontrolled outage). */
  'NODE_NOT_RESPONDING',
  /** An IM and Presence node is in Outage. */
  'IMP_NODE_OUTAGE',
  /** An IM and Presence node's AXL service is not running. */
  'AXL_SERVICE_DOWN',
  /** IM and Presence nodes exist that the Message Connector has not discovered. */
  'IMP_NODES_NOT_DISCOVERED',
  /** A presence redundancy group's high-availability setting changed while in use. */
  'MESSAGE_CONNECTOR_RESTART_REQUIRED',
  /** A node entering maintenance mode cannot move its remaining users. */
  'MAINTENANCE_STUCK',
]);
export type AlarmCode = z.infer<typeof AlarmCode>;

export const AlarmState = z.enum(['open', 'resolved']);
export type AlarmState = z.infer<typeof AlarmState>;

export const AlarmNode = z.object({ id: Id, name: z.string() });

export const Alarm = z.object({
  id: Id,
  code: AlarmCode,
  severity: AlarmSeverity,
  state: AlarmState,
  title: z.string(),
  /** What happened and what to do, in the guide's words. */
  detail: z.string(),
  clusterId: Id,
  clusterName: z.string(),
  /** Connector nodes or IM and Presence nodes the alarm is about (name = hostname or address). */
  nodes: z.array(AlarmNode),
  firstSeen: IsoDateTime,
  lastSeen: IsoDateTime,
  resolvedAt: IsoDateTime.nullable(),
});
export type Alarm = z.infer<typeof Alarm>;

/** `GET /api/v1/alarms?state=&clusterId=&page=&pageSize=`, most severe then newest first. */
export const AlarmListQuery = z.strictObject({
  state: AlarmState.default('open'),
  clusterId: Id.optional(),
  page: PageNumber,
  pageSize: PageSize,
});
export type AlarmListQuery = z.infer<typeof AlarmListQuery>;

export const AlarmListResponse = pageOf(Alarm);
export type AlarmListResponse = z.infer<typeof AlarmListResponse>;
