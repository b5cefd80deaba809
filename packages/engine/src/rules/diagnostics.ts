import type { ActivationErrorCode, DiagnosticCheck, DiagnosticCheckId } from '@hybrid-hub/contract';
import type { ConnectorNode, ImpCluster } from '../model/deployment.ts';
import type { CloudUser } from '../model/user.ts';
import {
  chooseConnectorNode,
  isAxlAvailable,
  isCertificateAccepted,
  isHomeNodeServing,
  viewDirectory,
  type ActivationFacts,
  type DirectoryView,
} from './activation.ts';
import { useridOf } from './activation-facts.ts';
import { isNodeEligible } from './capacity.ts';
import { ACTIVATION_ERRORS } from './error-catalog.ts';
import { assignmentLabel } from './history-lines.ts';

/**
 * Diagnostics (SPEC "See history … Diagnostics"): the guide's "Per User Checks" and "IM and
 * Presence Service Checks", run against one user as support staff would, in the contract's
 * order. Each check reuses the predicate `evaluateActivation` uses, and a check that depends on
 * another that failed (the connector cannot read a directory it cannot connect to) is "not
 * applicable" rather than guessed. So the first failing check is always the one behind the error
 * activation would give now (`CHECK_FOR_ERROR`), even though the checklist's order differs from
 * activation's.
 */

export const CHECK_NAMES: Readonly<Record<DiagnosticCheckId, string>> = {
  entitled: 'Entitled for Hybrid Message?',
  foundOnPremises: 'Found on an IM and Presence cluster used with Hybrid Message?',
  mailidPresent: 'Has an email address (mailid) in IM and Presence?',
  mailidMatches: 'IM and Presence mailid matches the email in Control Hub?',
  homedOnOneCluster: 'Homed on one IM and Presence cluster only?',
  noDuplicateJidAccount: "No duplicate Webex account named after the user's JID?",
  homeNodeOperational: 'Home IM and Presence node operational?',
  axlReachable: 'IM and Presence publisher reachable over AXL?',
  certificateValid: 'IM and Presence certificate validated?',
  connectorRunning: 'Message connector running and able to serve the user?',
};

/** The check that fails when activation ends in this error. */
export const CHECK_FOR_ERROR: Readonly<Record<ActivationErrorCode, DiagnosticCheckId>> = {
  NOT_ENTITLED: 'entitled',
  NOT_FOUND_ON_PREMISES: 'foundOnPremises',
  NO_MAIL_ID: 'mailidPresent',
  MAIL_ID_MISMATCH: 'mailidMatches',
  DUPLICATE_MAIL_ID: 'homedOnOneCluster',
  DUPLICATE_JID_ACCOUNT: 'noDuplicateJidAccount',
  HOME_NODE_OUTAGE: 'homeNodeOperational',
  AXL_FAILURE: 'axlReachable',
  CERTIFICATE_VALIDATION_FAILED: 'certificateValid',
  NO_CONNECTOR_AVAILABLE: 'connectorRunning',
  CLUSTER_AT_CAPACITY: 'connectorRunning',
};

type Verdict = Omit<DiagnosticCheck, 'id' | 'name'>;
export type DiagnosedUser = Pick<CloudUser, 'email' | 'entitledHybridMessage' | 'nodeId'> &
  Partial<Pick<CloudUser, 'entitledMessageFree'>>;

const pass = (detail: string): Verdict => ({ result: 'pass', detail, remedy: null });
const notApplicable = (detail: string): Verdict => ({
  result: 'not applicable',
  detail,
  remedy: null,
});
const fail = (detail: string, code: ActivationErrorCode, remedy?: string): Verdict => ({
  result: 'fail',
  detail,
  remedy: remedy ?? ACTIVATION_ERRORS[code].remedy,
});

const list = (names: readonly string[]) =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** Runs every check. `facts` are the user's activation facts (the user counted out of their node). */
export function diagnose(user: DiagnosedUser, facts: ActivationFacts): DiagnosticCheck[] {
  const { deployment } = facts;
  const directory = viewDirectory(facts);
  const impName = new Map(deployment.impClusters.map((c) => [c.id, c.name]));
  const nameOf = (impClusterId: string) => impName.get(impClusterId) ?? impClusterId;
  const found = directory.connected.length > 0;
  const untrusted = directory.reached.filter((c) => !isCertificateAccepted(c));
  const noAxl = directory.reached.filter((c) => !isAxlAvailable(c, deployment.impNodes));
  const unreadable = [...new Set([...untrusted, ...noAxl])];
  const { home } = directory;

  // Checks 3–7 read the directory through the connector: without it they cannot be made.
  const directoryCheck = (check: () => Verdict): Verdict => {
    if (!found) return notApplicable('Not checked: the user was not found on premises.');
    if (unreadable.length > 0)
      return notApplicable(
        `Not checked: the message connector cannot read the directory of ${list(unreadable.map((c) => c.name))} (see the ${untrusted.length > 0 ? 'certificate' : 'AXL'} check).`,
      );
    return check();
  };
  const needsHome = (what: string, check: () => Verdict): Verdict =>
    directoryCheck(() =>
      home
        ? check()
        : notApplicable(
            `Not checked: no IM and Presence user has ${facts.email} as mailid, so ${what}.`,
          ),
    );

  const verdicts: Record<DiagnosticCheckId, Verdict> = {
    entitled: checkEntitled(user),
    foundOnPremises: checkFound(facts, directory, nameOf),
    mailidPresent: directoryCheck(() => {
      const blank = directory.connected.find((e) => e.mailid === '');
      if (!home && blank)
        return fail(
          `The IM and Presence user ${blank.userid} on ${nameOf(blank.impClusterId)} has no mailid.`,
          'NO_MAIL_ID',
        );
      const entry = home ?? directory.connected[0]!;
      return pass(
        `The IM and Presence user has the mailid ${entry.mailid} on ${nameOf(entry.impClusterId)}.`,
      );
    }),
    mailidMatches: directoryCheck(() => {
      if (home) return pass(`The mailid ${home.mailid} matches ${facts.email}.`);
      const mailids = [...new Set(directory.connected.map((e) => e.mailid).filter(Boolean))];
      if (mailids.length === 0) return notApplicable('Not checked: there is no mailid to compare.');
      return fail(
        `IM and Presence has the mailid ${list(mailids)}; Control Hub has ${facts.email}.`,
        'MAIL_ID_MISMATCH',
      );
    }),
    homedOnOneCluster: needsHome('its homes cannot be told', () => {
      const clusters = [...directory.mailidClusterIds].map(nameOf);
      return clusters.length > 1
        ? fail(
            `The mailid ${facts.email} is homed on ${clusters.length} IM and Presence clusters: ${list(clusters)}.`,
            'DUPLICATE_MAIL_ID',
          )
        : pass(`Homed on ${clusters[0] ?? nameOf(home!.impClusterId)} only.`);
    }),
    noDuplicateJidAccount: needsHome('the JID is not known', () =>
      facts.jidAccounts.includes(home!.jid)
        ? fail(
            `A second Webex account named after the JID ${home!.jid} exists.`,
            'DUPLICATE_JID_ACCOUNT',
          )
        : pass(`No other Webex account is named after the JID ${home!.jid}.`),
    ),
    homeNodeOperational: needsHome('the home node is not known', () =>
      checkHomeNode(home!.homeImpNodeId, facts),
    ),
    axlReachable: checkAxl(found, untrusted, noAxl, facts),
    certificateValid: checkCertificate(found, directory, untrusted),
    connectorRunning: checkConnector(user, facts, directory, unreadable.length === 0),
  };
  return (Object.keys(CHECK_NAMES) as DiagnosticCheckId[]).map((id) => ({
    id,
    name: CHECK_NAMES[id],
    ...verdicts[id],
  }));
}

/** One sentence: all passed, or the first failing check and what it found. */
export function diagnosticsSummary(checks: readonly DiagnosticCheck[]): string {
  const failing = checks.find((c) => c.result === 'fail');
  return failing
    ? `First failing check: ${failing.name} — ${failing.detail}`
    : 'All checks passed.';
}

export function firstFailingCheck(checks: readonly DiagnosticCheck[]): DiagnosticCheckId | null {
  return checks.find((c) => c.result === 'fail')?.id ?? null;
}

function checkEntitled(user: DiagnosedUser): Verdict {
  if (!user.entitledHybridMessage)
    return fail('The user is not entitled for Hybrid Message in Control Hub.', 'NOT_ENTITLED');
  return pass(
    user.entitledMessageFree === false
      ? 'Entitled for Hybrid Message (but not for Message Free, which every user should have).'
      : 'Entitled for Hybrid Message.',
  );
}

function checkFound(
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

function checkHomeNode(homeImpNodeId: string, facts: ActivationFacts): Verdict {
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

function checkAxl(
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

function checkCertificate(
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
function checkConnector(
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
