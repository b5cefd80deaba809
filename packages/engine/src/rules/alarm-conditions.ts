import type { AlarmCode, AlarmSeverity } from '@hybrid-hub/contract';
import type {
  ConnectorNode,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  PresenceRedundancyGroup,
} from '../model/deployment.ts';
import { CONNECTIVITY_HINTS } from './message-service-status.ts';
import { highAvailabilityPeer } from './session-moves.ts';

/** One alarm condition that holds now: what an open alarm with the same `key` says. */
export interface AlarmCondition {
  /** `CODE:subject id`: stable while the condition holds. */
  key: string;
  code: AlarmCode;
  severity: AlarmSeverity;
  title: string;
  detail: string;
  clusterId: string;
  nodes: { id: string; name: string }[];
}

/** The deployment rows the alarms are derived from (one organization's; never its users). */
export interface AlarmFacts {
  expresswayClusters: readonly ExpresswayCluster[];
  nodes: readonly ConnectorNode[];
  impClusters: readonly ImpCluster[];
  impNodes: readonly ImpNode[];
  presenceRedundancyGroups: readonly PresenceRedundancyGroup[];
}

const SERVICE_ACTIVATION =
  'Cisco Unified IM and Presence Serviceability > Tools > Service Activation';

/**
 * The alarm conditions that hold in this deployment, in a stable order. Pure: the reconcile
 * step turns them into raised, updated and resolved alarms.
 *
 * - Connector nodes (muted while `Entering` or `In maintenance mode`: SPEC "Alarms are muted for
 *   a node in maintenance mode"): NODE_NOT_RESPONDING (an uncontrolled outage; its connectivity
 *   is then unknown, so no connectivity alarm on top), else CLOUD_CONNECTIVITY_LOST / _DEGRADED.
 * - MAINTENANCE_STUCK for a node entering maintenance mode whose move cannot progress: the
 *   maintenance's own alarm, so the muting does not apply to it.
 * - IM&P nodes of IM&P clusters configured on an Expressway cluster (the Hub knows nothing of
 *   the others' health): IMP_NODE_OUTAGE for a node the connector knows (discovered) in Outage,
 *   critical when no high-availability peer serves its users; AXL_SERVICE_DOWN for the publisher
 *   and discovered nodes; IMP_NODES_NOT_DISCOVERED per IM&P cluster; and
 *   MESSAGE_CONNECTOR_RESTART_REQUIRED per Expressway cluster.
 */
export function alarmConditions(facts: AlarmFacts): AlarmCondition[] {
  return [...connectorNodeConditions(facts), ...impConditions(facts)];
}

function connectorNodeConditions(facts: AlarmFacts): AlarmCondition[] {
  const conditions: AlarmCondition[] = [];
  for (const node of facts.nodes) {
    const subject = [{ id: node.id, name: node.hostname }];
    const stuckReason = node.maintenanceMove?.stuckReason ?? null;
    if (node.maintenance === 'Entering maintenance mode' && stuckReason !== null) {
      conditions.push({
        key: `MAINTENANCE_STUCK:${node.id}`,
        code: 'MAINTENANCE_STUCK',
        severity: 'warning',
        title: `${node.hostname} cannot finish entering maintenance mode`,
        detail: `Users left on the node cannot move: ${stuckReason}`,
        clusterId: node.clusterId,
        nodes: subject,
      });
    }
    if (node.maintenance !== 'Off') continue;
    if (
      node.managementConnector === 'Not responding' ||
      node.messageConnector === 'Not responding'
    ) {
      conditions.push({
        key: `NODE_NOT_RESPONDING:${node.id}`,
        code: 'NODE_NOT_RESPONDING',
        severity: 'error',
        title: `${node.hostname} is not responding`,
        detail:
          'The node stopped answering without Control Hub maintenance mode: an uncontrolled outage. ' +
          'Its users stay assigned to it and have no Message Service until it is back. Before ' +
          'planned work, put a node into maintenance mode so that its users move to the other nodes.',
        clusterId: node.clusterId,
        nodes: subject,
      });
      continue;
    }
    if (node.connectivity === 'Operational') continue;
    const lost = node.connectivity === 'Outage';
    conditions.push({
      key: `${lost ? 'CLOUD_CONNECTIVITY_LOST' : 'CLOUD_CONNECTIVITY_DEGRADED'}:${node.id}`,
      code: lost ? 'CLOUD_CONNECTIVITY_LOST' : 'CLOUD_CONNECTIVITY_DEGRADED',
      severity: lost ? 'error' : 'warning',
      title: lost
        ? `${node.hostname} lost its connection to Webex`
        : `${node.hostname} has a degraded connection to Webex`,
      detail: `${
        lost
          ? 'The node cannot reach the cloud: its users have no Message Service.'
          : 'The node reaches the cloud with difficulty: it still serves its users.'
      } ${CONNECTIVITY_HINTS.join(' ')}`,
      clusterId: node.clusterId,
      nodes: subject,
    });
  }
  return conditions;
}

function impConditions(facts: AlarmFacts): AlarmCondition[] {
  const conditions: AlarmCondition[] = [];
  const restartGroups = new Map<string, PresenceRedundancyGroup[]>();
  for (const cluster of facts.impClusters) {
    const expresswayClusterId = cluster.expresswayClusterId;
    if (expresswayClusterId === null) continue;
    const expressway = facts.expresswayClusters.find((c) => c.id === expresswayClusterId);
    const connectorOn = expressway?.name ?? expresswayClusterId;
    const nodes = facts.impNodes.filter((n) => n.impClusterId === cluster.id);
    for (const node of nodes) {
      const subject = [{ id: node.id, name: node.address }];
      if (node.discovered && node.status === 'Outage') {
        conditions.push(impOutage(node, facts, expresswayClusterId, connectorOn));
      }
      if (!node.removed && !node.axlServiceRunning && (node.isPublisher || node.discovered)) {
        conditions.push({
          key: `AXL_SERVICE_DOWN:${node.id}`,
          code: 'AXL_SERVICE_DOWN',
          severity: node.isPublisher ? 'error' : 'warning',
          title: `The AXL service is not running on ${node.address}`,
          detail: node.isPublisher
            ? `The Message Connector cannot read ${cluster.name}'s directory through its publisher, ` +
              'so activations of its users fail (AXL_FAILURE) and no node can be discovered. ' +
              `Start the Cisco AXL Web Service (${SERVICE_ACTIVATION}).`
            : 'The Message Connector will not discover this node the next time it starts. ' +
              `Start the Cisco AXL Web Service (${SERVICE_ACTIVATION}).`,
          clusterId: expresswayClusterId,
          nodes: subject,
        });
      }
    }
    const hidden = nodes.filter((n) => !n.removed && !n.discovered);
    if (hidden.length > 0) {
      const down = hidden.filter((n) => n.status === 'Outage').map((n) => n.address);
      const axlDown = hidden
        .filter((n) => n.status !== 'Outage' && !n.axlServiceRunning)
        .map((n) => n.address);
      const steps = [
        ...(down.length > 0 ? [`bring ${down.join(', ')} back up`] : []),
        ...(axlDown.length > 0
          ? [`start the Cisco AXL Web Service on ${axlDown.join(', ')} (${SERVICE_ACTIVATION})`]
          : []),
      ].join(' and ');
      conditions.push({
        key: `IMP_NODES_NOT_DISCOVERED:${cluster.id}`,
        code: 'IMP_NODES_NOT_DISCOVERED',
        severity: 'warning',
        title: `${hidden.length} ${hidden.length === 1 ? 'node' : 'nodes'} of ${cluster.name} not discovered`,
        detail:
          `The Message Connector has not discovered ${hidden.map((n) => n.address).join(', ')}: ` +
          'their users are not served. ' +
          (steps
            ? `${steps[0]!.toUpperCase()}${steps.slice(1)}, then `
            : 'Once the nodes run the Cisco AXL Web Service, ') +
          `restart the Message Connector on ${connectorOn} to rediscover them.`,
        clusterId: expresswayClusterId,
        nodes: hidden.map((n) => ({ id: n.id, name: n.address })),
      });
    }
    for (const group of facts.presenceRedundancyGroups) {
      if (group.impClusterId !== cluster.id || !group.connectorRestartRequired) continue;
      const list = restartGroups.get(expresswayClusterId) ?? [];
      list.push(group);
      restartGroups.set(expresswayClusterId, list);
    }
  }
  for (const [clusterId, groups] of restartGroups) {
    const name = facts.expresswayClusters.find((c) => c.id === clusterId)?.name ?? clusterId;
    const groupIds = new Set(groups.map((g) => g.id));
    conditions.push({
      key: `MESSAGE_CONNECTOR_RESTART_REQUIRED:${clusterId}`,
      code: 'MESSAGE_CONNECTOR_RESTART_REQUIRED',
      severity: 'warning',
      title: `Restart the Message Connector on ${name}`,
      detail:
        `High availability changed on ${groups.map((g) => g.name).join(', ')} while ` +
        'its nodes served the Message Service: the Message Connector must be restarted to ' +
        'follow it (Restart Message Connector).',
      clusterId,
      nodes: facts.impNodes
        .filter((n) => n.presenceRedundancyGroupId && groupIds.has(n.presenceRedundancyGroupId))
        .map((n) => ({ id: n.id, name: n.address })),
    });
  }
  return conditions;
}

/** An IM&P node the connector knows is in Outage: how bad depends on its peer. */
function impOutage(
  node: ImpNode,
  facts: AlarmFacts,
  clusterId: string,
  connectorOn: string,
): AlarmCondition {
  const peer = highAvailabilityPeer(node, facts);
  const covered = peer !== undefined && peer.status === 'Operational' && peer.discovered;
  let detail: string;
  if (node.removed) {
    detail =
      'The node was removed from its IM and Presence cluster, but the Message Connector still ' +
      `knows it: restart the Message Connector on ${connectorOn} so that it forgets it.`;
  } else if (covered) {
    detail =
      `Its presence redundancy group has high availability On: its sessions fail over to ` +
      `${peer.address}, starting up to 15 minutes after the outage and then at a limited rate ` +
      '(5,000 sessions take about 30 minutes). Until they move, its users are shown on it. ' +
      'When the node is back, fall back manually.';
  } else if (peer) {
    detail =
      `Its high-availability peer ${peer.address} cannot take its sessions (in Outage or not ` +
      'discovered): users homed on it have no Message Service until one of the two is back.';
  } else {
    detail =
      'Its presence redundancy group has high availability Off (or it has none): nothing takes ' +
      'over its sessions, so users homed on it have no Message Service until it is back, and ' +
      'their activations fail (HOME_NODE_OUTAGE).';
  }
  return {
    key: `IMP_NODE_OUTAGE:${node.id}`,
    code: 'IMP_NODE_OUTAGE',
    severity: covered || node.removed ? 'error' : 'critical',
    title: `IM and Presence node ${node.address} is in Outage`,
    detail,
    clusterId,
    nodes: [{ id: node.id, name: node.address }],
  };
}
