import type { ActivationErrorCode, DiagnosticCheck } from '@hybrid-hub/contract';
import type { ConnectorNode, ImpCluster } from '../model/deployment.ts';
import type { CloudUser } from '../model/user.ts';
import {
  chooseConnectorNode,
  isHomeNodeServing,
  type ActivationFacts,
  type DirectoryView,
} from './activation.ts';
import { useridOf } from './activation-facts.ts';
import { isNodeEligible } from './capacity.ts';
import { ACTIVATION_ERRORS } from './error-catalog.ts';
import { assignmentLabel } from './history-lines.ts';

/** The Diagnostics checks that take more than a line, one function each (see diagnostics.ts). */

export type Verdict = Omit<DiagnosticCheck, 'id' | 'name'>;
export type DiagnosedUser = Pick<CloudUser, 'email' | 'entitledHybridMessage' | 'nodeId'> &
  Partial<Pick<CloudUser, 'entitledMessageFree'>>;

export const pass = (detail: string): Verdict => ({ result: 'pass', detail, remedy: null });
export const notApplicable = (detail: string): Verdict => ({
  result: 'not applicable',
  detail,
  remedy: null,
});
export const fail = (detail: string, code: ActivationErrorCode, remedy?: string): Verdict => ({
  result: 'fail',
  detail,
  remedy: remedy ?? ACTIVATION_ERRORS[code].remedy,
});

export const list = (names: readonly string[]) =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

export function checkEntitled(user: DiagnosedUser): Verdict {
  if (!user.entitledHybridMessage)
    return fail('The user is not entitled for Hybrid Message in Control Hub.', 'NOT_ENTITLED');
  return pass(
    user.entitledMessageFree === false
      ? 'Entitled for Hybrid Message (but not for Message Free, which every user should have).'
      : 'Entitled for Hybrid Message.',
  );
}

export function checkFound(
  facts: ActivationFacts,
  directory: DirectoryView,
  nameOf: (impClusterId: string) => string,
): Verdict {
  if (directory.connected.length > 0) {
    const clusters = [...new Set(directory.connected.map((e) => nameOf(e.impClusterId)))];
    return pass(`Found on ${list(clusters)}.`);
  }
  const elsewhere = [...new Set(facts.directoryEntries.map((e) => nameOf(e.impClusterId)))];
  return fail(
    elsewhere.length > 0
      ? `Known only on ${list(elsewhere)}, which no Expressway cluster is configured with.`
      : `No IM and Presence cluster has a user with the mailid ${facts.email} or the userid ${useridOf(facts.email)}.`,
    'NOT_FOUND_ON_PREMISES',
  );
}

export function checkHomeNode(homeImpNodeId: string, facts: ActivationFacts): Verdict {
  const { impNodes, presenceRedundancyGroups } = facts.deployment;
  const node = impNodes.find((n) => n.id === homeImpNodeId);
  const name = node?.address ?? homeImpNodeId;
  if (isHomeNodeServing(homeImpNodeId, facts.deployment)) {
    return pass(
      node?.status === 'Operational'
        ? `The home node ${name} is Operational.`
        : `The home node ${name} is in Outage; its high-availability peer serves the user.`,
    );
  }
  const group = presenceRedundancyGroups.find((g) => g.id === node?.presenceRedundancyGroupId);
  const why = !node
    ? 'is no longer known to the IM and Presence cluster'
    : !group
      ? 'is in Outage and is in no presence redundancy group'
      : group.highAvailability
        ? `is in Outage and no peer of ${group.name} is Operational`
        : `is in Outage and ${group.name} has high availability Off`;
  return fail(`The home node ${name} ${why}.`, 'HOME_NODE_OUTAGE');
}

export function checkAxl(
  found: boolean,
  untrusted: readonly ImpCluster[],
  noAxl: readonly ImpCluster[],
  facts: ActivationFacts,
): Verdict {
  if (!found)
    return notApplicable('Not checked: no connected IM and Presence cluster holds the user.');
  if (untrusted.length > 0)
    return notApplicable(
      `Not tried: the connection to ${list(untrusted.map((c) => c.name))} fails certificate validation first.`,
    );
  if (noAxl.length === 0) return pass('The message connector queries the publisher over AXL.');
  const reasons = noAxl.map((cluster) => {
    const publisher = facts.deployment.impNodes.find(
      (n) => n.impClusterId === cluster.id && n.isPublisher,
    );
    const why = !cluster.axlAccountHasRole
      ? `the account ${cluster.axlUsername} lacks the AXL role`
      : !publisher
        ? 'its publisher is not known'
        : `the Cisco AXL Web Service is not running on ${publisher.address}`;
    return `${cluster.name}: ${why}`;
  });
  return fail(`AXL fails for ${reasons.join('; ')}.`, 'AXL_FAILURE');
}

export function checkCertificate(
  found: boolean,
  directory: DirectoryView,
  untrusted: readonly ImpCluster[],
): Verdict {
  if (!found)
    return notApplicable('Not checked: no connected IM and Presence cluster holds the user.');
  if (untrusted.length > 0)
    return fail(
      `Certificate validation is On for ${list(untrusted.map((c) => c.name))}, and the certificate presented cannot be validated.`,
      'CERTIFICATE_VALIDATION_FAILED',
    );
  const off = directory.reached.filter((c) => !c.certificateValidation);
  return pass(
    off.length > 0
      ? `Certificate validation is Off for ${list(off.map((c) => c.name))}.`
      : 'The certificate presented is validated.',
  );
}

/** Why a node cannot serve, in the console's words. */
function nodeProblems(node: ConnectorNode): string[] {
  const problems: string[] = [];
  if (node.maintenance !== 'Off') problems.push(node.maintenance.toLowerCase());
  if (node.messageConnector !== 'Running')
    problems.push(`Message Connector ${node.messageConnector}`);
  if (node.managementConnector !== 'Running')
    problems.push(`Management Connector ${node.managementConnector}`);
  if (node.connectivity === 'Outage') problems.push('no connectivity to the cloud');
  return problems;
}

/**
 * Assigned: the node must run both connectors and be connected. And the Expressway cluster that
 * serves the user's home must be able to take them (activation's checks 8 and 9), unless they
 * are already on a node of it that serves.
 */
export function checkConnector(
  user: DiagnosedUser,
  facts: ActivationFacts,
  directory: DirectoryView,
  readable: boolean,
): Verdict {
  const { deployment } = facts;
  const clusterName = (id: string) =>
    deployment.expresswayClusters.find((c) => c.id === id)?.name ?? id;
  const assigned =
    user.nodeId === null ? undefined : deployment.nodes.find((n) => n.id === user.nodeId);
  const label = (node: ConnectorNode) =>
    assignmentLabel(clusterName(node.clusterId), node.hostname);
  if (user.nodeId !== null && !assigned)
    return fail('The node the user is assigned to no longer exists.', 'NO_CONNECTOR_AVAILABLE');
  if (assigned && !isNodeEligible(assigned)) {
    const others = deployment.nodes.some(
      (n) => n.clusterId === assigned.clusterId && n.id !== assigned.id && isNodeEligible(n),
    );
    return fail(
      `The user is assigned to ${label(assigned)}: ${list(nodeProblems(assigned))}.`,
      'NO_CONNECTOR_AVAILABLE',
      others
        ? `Start the connectors on ${assigned.hostname} and restore its connectivity (or exit maintenance mode), or click Reactivate User to move the user to a node that serves.`
        : undefined,
    );
  }

  const servingId = readable && directory.home ? directory.servingClusterId : null;
  if (servingId === null) {
    return assigned
      ? pass(`Assigned to ${label(assigned)}: both connectors running and connected.`)
      : notApplicable(
          'Not checked: the Expressway cluster that would serve the user is not known.',
        );
  }
  const placement = chooseConnectorNode(servingId, deployment);
  const name = clusterName(servingId);
  if (placement.kind === 'none') {
    const nodes = deployment.nodes.filter((n) => n.clusterId === servingId);
    const why = nodes.map((n) => `${n.hostname}: ${list(nodeProblems(n))}`).join('; ');
    return fail(
      `No node of ${name} can serve the user${why ? ` (${why})` : ''}.`,
      'NO_CONNECTOR_AVAILABLE',
    );
  }
  if (placement.kind === 'full') {
    const count = new Intl.NumberFormat('en-US');
    return fail(
      `${name} is full: ${count.format(placement.load)} users for a capacity of ${count.format(placement.capacity)}, or no node that serves has room.`,
      'CLUSTER_AT_CAPACITY',
    );
  }
  if (assigned?.clusterId === servingId)
    return pass(`Assigned to ${label(assigned)}: both connectors running and connected.`);
  return pass(`${label(placement.node)} runs both connectors and has room for the user.`);
}
