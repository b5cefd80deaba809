import type { ActivationErrorCode } from '@hybrid-hub/contract';
import type {
  ConnectorNode,
  DirectoryEntry,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  PresenceRedundancyGroup,
} from '../model/deployment.ts';
import { clusterCapacity, isNodeEligible, nodeCapacity } from './capacity.ts';

/** The deployment as activation sees it; read once, shared by many evaluations. */
export interface DeploymentFacts {
  expresswayClusters: readonly ExpresswayCluster[];
  nodes: readonly ConnectorNode[];
  impClusters: readonly ImpCluster[];
  impNodes: readonly ImpNode[];
  presenceRedundancyGroups: readonly PresenceRedundancyGroup[];
  /** Users assigned to each connector node now (the user being activated not included). */
  usersByNode: ReadonlyMap<string, number>;
}

/** Everything activation needs to know about one user: no I/O inside the rule. */
export interface ActivationFacts {
  email: string;
  entitledHybridMessage: boolean;
  /**
   * Directory entries of any IM&P cluster whose mailid equals the email (any case) or whose
   * userid is the email's local part: how the connectors look the user up over AXL.
   */
  directoryEntries: readonly DirectoryEntry[];
  /** JIDs of those entries that a second cloud account is named after. */
  jidAccounts: readonly string[];
  deployment: DeploymentFacts;
}

export type ActivationOutcome =
  | {
      kind: 'assign';
      clusterId: string;
      nodeId: string;
      /** The user's home IM&P node in the directory. */
      homeImpNodeId: string;
      /**
       * The IM&P node that serves the user's session: the home, or its high-availability peer
       * while the home is in Outage (failover), so a user activated during an outage is served
       * at once (SPEC "IM&P failover"; fallback later brings the session home).
       */
      sessionImpNodeId: string;
    }
  | {
      kind: 'error';
      code: ActivationErrorCode;
      /** What the lookup got to, for the history line: the user's home node and cluster when known. */
      homeImpNodeId: string | null;
      clusterId: string | null;
    };

/** How long the cloud takes to find and assign a user after the switch goes on ("a few seconds"). */
export const ACTIVATION_DELAY_MS = 3_000;

/**
 * SPEC "Rules → Activation". Checks run in this order; the first failing one is the answer:
 * 1. NOT_ENTITLED — the cloud checks its own entitlement before asking any connector.
 * 2. NOT_FOUND_ON_PREMISES — no entry (by mailid or userid) on an IM&P cluster whose publisher is
 *    configured on an Expressway cluster. Users known only through ICSA, or only on an unconnected
 *    cluster, cannot be served ("homed on the same IM&P cluster that is used with Hybrid Message?").
 * 3. CERTIFICATE_VALIDATION_FAILED, then AXL_FAILURE — for the clusters holding those entries:
 *    the connector must connect (TLS, when certificate validation is On) before it can query AXL
 *    (publisher's AXL service running, account with the AXL role). Without them it reads nothing.
 * 4. NO_MAIL_ID / MAIL_ID_MISMATCH — no connected entry's mailid equals the email: the entry found
 *    by userid has an empty mailid, or a different one.
 * 5. DUPLICATE_MAIL_ID — entries with this mailid on more than one IM&P cluster (ICSA shows
 *    them all, connected or not).
 * 6. DUPLICATE_JID_ACCOUNT — a cloud account named after the home entry's JID (needs the entry).
 * 7. HOME_NODE_OUTAGE — home IM&P node in Outage without an Operational peer in a presence
 *    redundancy group with high availability On (with one, failover keeps the user served).
 * 8. NO_CONNECTOR_AVAILABLE — no eligible node in the Expressway cluster serving the home
 *    IM&P cluster (an IM&P cluster serves one Expressway cluster only, so there is one candidate).
 * 9. CLUSTER_AT_CAPACITY — the cluster is at (N − 1) × node capacity, or every eligible node is full.
 * Otherwise: the least-loaded eligible node with room (ties by hostname, then id).
 */
export function evaluateActivation(facts: ActivationFacts): ActivationOutcome {
  const { deployment } = facts;
  const error = (
    code: ActivationErrorCode,
    homeImpNodeId: string | null = null,
    clusterId: string | null = null,
  ) => ({ kind: 'error', code, homeImpNodeId, clusterId }) as const;
  if (!facts.entitledHybridMessage) return error('NOT_ENTITLED');

  const directory = viewDirectory(facts);
  if (directory.connected.length === 0) return error('NOT_FOUND_ON_PREMISES');

  const untrusted = directory.reached.find((c) => !isCertificateAccepted(c));
  if (untrusted) return error('CERTIFICATE_VALIDATION_FAILED', null, untrusted.expresswayClusterId);
  const noAxl = directory.reached.find((c) => !isAxlAvailable(c, deployment.impNodes));
  if (noAxl) return error('AXL_FAILURE', null, noAxl.expresswayClusterId);

  const { home } = directory;
  if (!home)
    return error(
      directory.connected.some((e) => e.mailid === '') ? 'NO_MAIL_ID' : 'MAIL_ID_MISMATCH',
    );
  if (directory.mailidClusterIds.size > 1) return error('DUPLICATE_MAIL_ID');
  if (facts.jidAccounts.includes(home.jid))
    return error('DUPLICATE_JID_ACCOUNT', home.homeImpNodeId);

  const clusterId = directory.servingClusterId!;
  const sessionImpNodeId = servingImpNodeId(home.homeImpNodeId, deployment);
  if (sessionImpNodeId === null) return error('HOME_NODE_OUTAGE', home.homeImpNodeId, clusterId);

  const placement = chooseConnectorNode(clusterId, deployment);
  if (placement.kind === 'full' || placement.kind === 'none')
    return error(
      placement.kind === 'none' ? 'NO_CONNECTOR_AVAILABLE' : 'CLUSTER_AT_CAPACITY',
      home.homeImpNodeId,
      clusterId,
    );
  return {
    kind: 'assign',
    clusterId,
    nodeId: placement.node.id,
    homeImpNodeId: home.homeImpNodeId,
    sessionImpNodeId,
  };
}

/** What the user's directory entries say, as the checks of `evaluateActivation` read them. */
export interface DirectoryView {
  /** Entries on IM&P clusters whose publisher is configured on an Expressway cluster. */
  connected: DirectoryEntry[];
  /** The IM&P clusters holding those entries: the connector must reach each of them. */
  reached: ImpCluster[];
  /** The connected entry whose mailid equals the email (any case): the user's home. */
  home: DirectoryEntry | undefined;
  /** IM&P clusters with an entry whose mailid equals the email, connected or not (ICSA). */
  mailidClusterIds: ReadonlySet<string>;
  /** The Expressway cluster configured with the home's IM&P cluster (null without a home). */
  servingClusterId: string | null;
}

export function viewDirectory(
  facts: Pick<ActivationFacts, 'email' | 'directoryEntries' | 'deployment'>,
): DirectoryView {
  const impClusters = new Map(facts.deployment.impClusters.map((c) => [c.id, c]));
  const connected = facts.directoryEntries.filter(
    (e) => impClusters.get(e.impClusterId)?.expresswayClusterId,
  );
  const reached = [...new Set(connected.map((e) => e.impClusterId))].map((id) =>
    impClusters.get(id)!,
  );
  const email = facts.email.toLowerCase();
  const home = connected.find((e) => e.mailid.toLowerCase() === email);
  const mailidClusterIds = new Set(
    facts.directoryEntries
      .filter((e) => e.mailid.toLowerCase() === email)
      .map((e) => e.impClusterId),
  );
  const servingClusterId = home
    ? (impClusters.get(home.impClusterId)!.expresswayClusterId ?? null)
    : null;
  return { connected, reached, home, mailidClusterIds, servingClusterId };
}

export type Placement =
  /** No node of the cluster can take users (or the cluster is unknown). */
  | { kind: 'none' }
  /** The cluster is at (N − 1) × node capacity, or every eligible node is full. */
  | { kind: 'full'; load: number; capacity: number }
  | { kind: 'node'; node: ConnectorNode };

/**
 * Checks 8 and 9 of `evaluateActivation`, on their own so that Diagnostics asks the very same
 * question: the least-loaded eligible node with room (ties by hostname, then id).
 */
export function chooseConnectorNode(
  clusterId: string,
  deployment: Pick<DeploymentFacts, 'expresswayClusters' | 'nodes' | 'usersByNode'>,
): Placement {
  const cluster = deployment.expresswayClusters.find((c) => c.id === clusterId);
  const nodes = deployment.nodes.filter((n) => n.clusterId === clusterId);
  const eligible = nodes.filter(isNodeEligible);
  if (!cluster || eligible.length === 0) return { kind: 'none' };

  const load = (node: ConnectorNode) => deployment.usersByNode.get(node.id) ?? 0;
  const clusterLoad = nodes.reduce((sum, node) => sum + load(node), 0);
  const perNode = nodeCapacity(cluster.nodeSize);
  const capacity = clusterCapacity(cluster.nodeSize, nodes.length);
  const withRoom = eligible.filter((node) => load(node) < perNode);
  if (clusterLoad >= capacity || withRoom.length === 0) {
    return { kind: 'full', load: clusterLoad, capacity };
  }
  const target = withRoom.reduce((best, node) =>
    load(node) < load(best) ||
    (load(node) === load(best) &&
      (node.hostname < best.hostname || (node.hostname === best.hostname && node.id < best.id)))
      ? node
      : best,
  );
  return { kind: 'node', node: target };
}

/** With certificate validation On, the Expressway must trust the certificate the node presents. */
export function isCertificateAccepted(cluster: ImpCluster): boolean {
  return !cluster.certificateValidation || cluster.certificateTrusted;
}

/** The connector queries the publisher over AXL: its AXL service must run and the account have the AXL role. */
export function isAxlAvailable(cluster: ImpCluster, impNodes: readonly ImpNode[]): boolean {
  const publisher = impNodes.find((n) => n.impClusterId === cluster.id && n.isPublisher);
  return cluster.axlAccountHasRole && publisher !== undefined && publisher.axlServiceRunning;
}

/** Can the connector read this IM&P cluster's directory (connection and AXL both work)? */
export function isDirectoryReadable(cluster: ImpCluster, impNodes: readonly ImpNode[]): boolean {
  return isCertificateAccepted(cluster) && isAxlAvailable(cluster, impNodes);
}

/** The home node serves, or its Operational peer in a high-availability group takes over. */
export function isHomeNodeServing(
  homeImpNodeId: string,
  deployment: Pick<DeploymentFacts, 'impNodes' | 'presenceRedundancyGroups'>,
): boolean {
  return servingImpNodeId(homeImpNodeId, deployment) !== null;
}

/**
 * The IM&P node serving users homed on `homeImpNodeId`: the home when Operational, else its
 * Operational peer in a presence redundancy group with high availability On, else none. The
 * peer must be one the Message Connector knows (discovered, not removed on premises): as for a
 * failover (`failoverTarget`), the connector cannot open sessions on a node it does not know.
 */
export function servingImpNodeId(
  homeImpNodeId: string,
  deployment: Pick<DeploymentFacts, 'impNodes' | 'presenceRedundancyGroups'>,
): string | null {
  const home = deployment.impNodes.find((n) => n.id === homeImpNodeId);
  if (home?.status === 'Operational') return home.id;
  const groupId = home?.presenceRedundancyGroupId;
  const group = groupId
    ? deployment.presenceRedundancyGroups.find((g) => g.id === groupId)
    : undefined;
  if (!home || !group?.highAvailability) return null;
  const peer = deployment.impNodes.find(
    (n) =>
      n.presenceRedundancyGroupId === group.id &&
      n.id !== home.id &&
      n.status === 'Operational' &&
      n.discovered &&
      !n.removed,
  );
  return peer?.id ?? null;
}
