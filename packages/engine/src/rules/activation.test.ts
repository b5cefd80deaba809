import { describe, expect, it } from 'vitest';
import type { ConnectorNode, DirectoryEntry, ImpCluster, ImpNode } from '../model/deployment.ts';
import { evaluateActivation, type ActivationFacts, type DeploymentFacts } from './activation.ts';

const EMAIL = 'jane.doe@acme.example';

function node(id: string, hostname: string, changes: Partial<ConnectorNode> = {}): ConnectorNode {
  return {
    id,
    orgId: 'o',
    clusterId: 'exp',
    hostname,
    version: 'X15',
    connectivity: 'Operational',
    managementConnector: 'Running',
    messageConnector: 'Running',
    maintenance: 'Off',
    maintenanceMove: null,
    revision: 1,
    ...changes,
  };
}
function impCluster(
  id: string,
  expresswayClusterId: string | null,
  changes: Partial<ImpCluster> = {},
): ImpCluster {
  return {
    id,
    orgId: 'o',
    name: id,
    expresswayClusterId,
    publisherAddress: `${id}.example`,
    axlUsername: 'axl',
    axlPassword: 'x',
    axlAccountHasRole: true,
    certificateValidation: true,
    certificateTrusted: true,
    icsaGroup: null,
    ...changes,
  };
}
function impNode(id: string, impClusterId: string, changes: Partial<ImpNode> = {}): ImpNode {
  return {
    id,
    orgId: 'o',
    impClusterId,
    address: `${id}.example`,
    version: '15',
    status: 'Operational',
    isPublisher: id.endsWith('pub'),
    axlServiceRunning: true,
    presenceRedundancyGroupId: null,
    discovered: true,
    runningVersion: '15',
    removed: false,
    sessionMove: null,
    ...changes,
  };
}
function entry(
  impClusterId: string,
  mailid = EMAIL,
  homeImpNodeId = `${impClusterId}-pub`,
): DirectoryEntry {
  return {
    id: `${impClusterId}-${mailid}`,
    orgId: 'o',
    impClusterId,
    userid: 'jane.doe',
    jid: 'jane.doe@im.acme.example',
    mailid,
    homeImpNodeId,
  };
}

function deployment(changes: Partial<DeploymentFacts> = {}): DeploymentFacts {
  return {
    expresswayClusters: [{ id: 'exp', orgId: 'o', name: 'Expressway', nodeSize: 'Small' }],
    nodes: [node('n1', 'exp-b'), node('n2', 'exp-a'), node('n3', 'exp-c')],
    impClusters: [impCluster('imp', 'exp'), impCluster('imp2', 'exp'), impCluster('far', null)],
    impNodes: [
      impNode('imp-pub', 'imp', { presenceRedundancyGroupId: 'g1' }),
      impNode('imp-sub1', 'imp', { presenceRedundancyGroupId: 'g1' }),
      impNode('imp2-pub', 'imp2'),
      impNode('far-pub', 'far'),
    ],
    presenceRedundancyGroups: [
      {
        id: 'g1',
        orgId: 'o',
        impClusterId: 'imp',
        name: 'g1',
        highAvailability: true,
        connectorRestartRequired: false,
      },
    ],
    usersByNode: new Map(),
    ...changes,
  };
}

function facts(changes: Partial<ActivationFacts> = {}): ActivationFacts {
  return {
    email: EMAIL,
    entitledHybridMessage: true,
    directoryEntries: [entry('imp')],
    jidAccounts: [],
    deployment: deployment(),
    ...changes,
  };
}

const codeOf = (f: ActivationFacts) => {
  const outcome = evaluateActivation(f);
  return outcome.kind === 'error' ? outcome.code : outcome.kind;
};
const withImpNode = (id: string, changes: Partial<ImpNode>) =>
  deployment({
    impNodes: deployment().impNodes.map((n) => (n.id === id ? { ...n, ...changes } : n)),
  });
const withImpCluster = (id: string, changes: Partial<ImpCluster>) =>
  deployment({
    impClusters: deployment().impClusters.map((c) => (c.id === id ? { ...c, ...changes } : c)),
  });

describe('evaluateActivation', () => {
  it('assigns to the least-loaded eligible node, ties by hostname, with the home IM&P node', () => {
    expect(evaluateActivation(facts())).toEqual({
      kind: 'assign',
      clusterId: 'exp',
      nodeId: 'n2',
      homeImpNodeId: 'imp-pub',
      sessionImpNodeId: 'imp-pub',
    });
    const loaded = deployment({
      usersByNode: new Map([
        ['n2', 3],
        ['n1', 1],
        ['n3', 1],
      ]),
    });
    expect(evaluateActivation(facts({ deployment: loaded }))).toMatchObject({ nodeId: 'n1' });
  });

  it('balances users over the eligible nodes', () => {
    const usersByNode = new Map<string, number>();
    const d = deployment({
      usersByNode,
      nodes: [
        node('n1', 'a'),
        node('n2', 'b'),
        node('n3', 'c', { maintenance: 'In maintenance mode' }),
      ],
    });
    for (let i = 0; i < 41; i++) {
      const outcome = evaluateActivation(facts({ deployment: d }));
      if (outcome.kind !== 'assign') throw new Error(outcome.code);
      usersByNode.set(outcome.nodeId, (usersByNode.get(outcome.nodeId) ?? 0) + 1);
    }
    expect(Object.fromEntries(usersByNode)).toEqual({ n1: 21, n2: 20 });
  });

  it('NOT_ENTITLED comes first', () => {
    expect(codeOf(facts({ entitledHybridMessage: false, directoryEntries: [] }))).toBe(
      'NOT_ENTITLED',
    );
  });

  it('NOT_FOUND_ON_PREMISES when no connected IM&P cluster has the user', () => {
    expect(codeOf(facts({ directoryEntries: [] }))).toBe('NOT_FOUND_ON_PREMISES');
    expect(codeOf(facts({ directoryEntries: [entry('far')] }))).toBe('NOT_FOUND_ON_PREMISES');
  });

  it('CERTIFICATE_VALIDATION_FAILED when validation is On and the certificate is not trusted', () => {
    const untrusted = withImpCluster('imp', { certificateTrusted: false });
    expect(codeOf(facts({ deployment: untrusted }))).toBe('CERTIFICATE_VALIDATION_FAILED');
    // Checked before the mailid: without a connection nothing can be read.
    expect(codeOf(facts({ deployment: untrusted, directoryEntries: [entry('imp', '')] }))).toBe(
      'CERTIFICATE_VALIDATION_FAILED',
    );
    const validationOff = withImpCluster('imp', {
      certificateTrusted: false,
      certificateValidation: false,
    });
    expect(codeOf(facts({ deployment: validationOff }))).toBe('assign');
  });

  it('AXL_FAILURE when the publisher AXL service is down or the account lacks the AXL role', () => {
    expect(
      codeOf(facts({ deployment: withImpNode('imp-pub', { axlServiceRunning: false }) })),
    ).toBe('AXL_FAILURE');
    expect(codeOf(facts({ deployment: withImpCluster('imp', { axlAccountHasRole: false }) }))).toBe(
      'AXL_FAILURE',
    );
    // A subscriber's AXL service does not matter to the lookup.
    expect(
      codeOf(facts({ deployment: withImpNode('imp-sub1', { axlServiceRunning: false }) })),
    ).toBe('assign');
  });

  it('NO_MAIL_ID and MAIL_ID_MISMATCH for the entry found by userid', () => {
    expect(codeOf(facts({ directoryEntries: [entry('imp', '')] }))).toBe('NO_MAIL_ID');
    expect(codeOf(facts({ directoryEntries: [entry('imp', 'jdoe@acme.example')] }))).toBe(
      'MAIL_ID_MISMATCH',
    );
    expect(codeOf(facts({ directoryEntries: [entry('imp', 'JANE.DOE@ACME.EXAMPLE')] }))).toBe(
      'assign',
    );
  });

  it('DUPLICATE_MAIL_ID when the mailid is homed on more than one IM&P cluster (connected or not)', () => {
    expect(codeOf(facts({ directoryEntries: [entry('imp'), entry('imp2')] }))).toBe(
      'DUPLICATE_MAIL_ID',
    );
    expect(codeOf(facts({ directoryEntries: [entry('imp'), entry('far')] }))).toBe(
      'DUPLICATE_MAIL_ID',
    );
  });

  it('DUPLICATE_JID_ACCOUNT when a cloud account is named after the JID', () => {
    expect(codeOf(facts({ jidAccounts: ['jane.doe@im.acme.example'] }))).toBe(
      'DUPLICATE_JID_ACCOUNT',
    );
    expect(codeOf(facts({ jidAccounts: ['someone.else@im.acme.example'] }))).toBe('assign');
  });

  it('HOME_NODE_OUTAGE unless an Operational peer with high availability On takes over', () => {
    const outage = withImpNode('imp-pub', { status: 'Outage' });
    expect(codeOf(facts({ deployment: outage }))).toBe('assign');
    // Failed over: homed on the node in Outage, the session is served by its peer.
    expect(evaluateActivation(facts({ deployment: outage }))).toMatchObject({
      homeImpNodeId: 'imp-pub',
      sessionImpNodeId: 'imp-sub1',
    });
    expect(
      codeOf(
        facts({
          deployment: {
            ...outage,
            presenceRedundancyGroups: [
              { ...outage.presenceRedundancyGroups[0]!, highAvailability: false },
            ],
          },
        }),
      ),
    ).toBe('HOME_NODE_OUTAGE');
    const bothDown = {
      ...outage,
      impNodes: outage.impNodes.map((n) =>
        n.impClusterId === 'imp' ? { ...n, status: 'Outage' as const } : n,
      ),
    };
    expect(codeOf(facts({ deployment: bothDown }))).toBe('HOME_NODE_OUTAGE');
    expect(
      codeOf(
        facts({
          directoryEntries: [entry('imp2')],
          deployment: withImpNode('imp2-pub', { status: 'Outage' }),
        }),
      ),
    ).toBe('HOME_NODE_OUTAGE');
  });

  it('NO_CONNECTOR_AVAILABLE when no node of the cluster is eligible', () => {
    const none = deployment({
      nodes: [
        node('n1', 'a', { maintenance: 'Entering maintenance mode' }),
        node('n2', 'b', { messageConnector: 'Stopped' }),
        node('n3', 'c', { connectivity: 'Outage' }),
      ],
    });
    expect(codeOf(facts({ deployment: none }))).toBe('NO_CONNECTOR_AVAILABLE');
    const degraded = {
      ...none,
      nodes: [...none.nodes, node('n4', 'd', { connectivity: 'Degraded' })],
    };
    expect(evaluateActivation(facts({ deployment: degraded }))).toMatchObject({
      kind: 'assign',
      nodeId: 'n4',
    });
    const noManagement = {
      ...none,
      nodes: [node('n5', 'e', { managementConnector: 'Not responding' })],
    };
    expect(codeOf(facts({ deployment: noManagement }))).toBe('NO_CONNECTOR_AVAILABLE');
  });

  it('CLUSTER_AT_CAPACITY at (N − 1) × node capacity, or when every eligible node is full', () => {
    const full = deployment({
      usersByNode: new Map([
        ['n1', 4000],
        ['n2', 3000],
        ['n3', 3000],
      ]),
    });
    expect(codeOf(facts({ deployment: full }))).toBe('CLUSTER_AT_CAPACITY');
    const nodesFull = deployment({
      nodes: [
        node('n1', 'a'),
        node('n2', 'b', { messageConnector: 'Stopped' }),
        node('n3', 'c', { messageConnector: 'Stopped' }),
      ],
      usersByNode: new Map([['n1', 5000]]),
    });
    expect(codeOf(facts({ deployment: nodesFull }))).toBe('CLUSTER_AT_CAPACITY');
    const oneRoom = deployment({
      usersByNode: new Map([
        ['n1', 5000],
        ['n2', 4999],
      ]),
    });
    expect(evaluateActivation(facts({ deployment: oneRoom }))).toMatchObject({
      kind: 'assign',
      nodeId: 'n3',
    });
    const single = deployment({ nodes: [node('n1', 'a')], usersByNode: new Map([['n1', 4999]]) });
    expect(codeOf(facts({ deployment: single }))).toBe('assign');
  });
});
