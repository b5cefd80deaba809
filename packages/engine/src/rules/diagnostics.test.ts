import { DiagnosticCheckId, NODE_CAPACITY, type NodeSize } from '@hybrid-hub/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConnectorNode, DirectoryEntry, ImpCluster, ImpNode } from '../model/deployment.ts';
import { evaluateActivation, type ActivationFacts, type DeploymentFacts } from './activation.ts';
import {
  CHECK_FOR_ERROR,
  diagnose,
  diagnosticsSummary,
  firstFailingCheck,
  type DiagnosedUser,
} from './diagnostics.ts';
import { ACTIVATION_ERRORS } from './error-catalog.ts';

const EMAIL = 'jane.doe@acme.example';
const JID = 'jane.doe@im.acme.example';

// --- a random deployment, small enough to hit every branch often ---

const nodeArb = (id: string, clusterId: string) =>
  fc
    .record({
      connectivity: fc.constantFrom('Operational', 'Operational', 'Degraded', 'Outage'),
      managementConnector: fc.constantFrom('Running', 'Running', 'Running', 'Stopped'),
      messageConnector: fc.constantFrom('Running', 'Running', 'Stopped', 'Not responding'),
      maintenance: fc.constantFrom('Off', 'Off', 'Off', 'In maintenance mode'),
    })
    .map((state): ConnectorNode => ({
      id,
      orgId: 'o',
      clusterId,
      hostname: `${id}.example`,
      version: 'X15',
      maintenanceMove: null,
      revision: 1,
      ...state,
    }));

const impClusterArb = (id: string) =>
  fc
    .record({
      expresswayClusterId: fc.constantFrom<string | null>('e1', 'e1', 'e2', null),
      axlAccountHasRole: fc.constantFrom(true, true, true, false),
      certificateValidation: fc.boolean(),
      certificateTrusted: fc.constantFrom(true, true, true, false),
    })
    .map((state): ImpCluster => ({
      id,
      orgId: 'o',
      name: `IM&P ${id}`,
      publisherAddress: `${id}-pub.example`,
      axlUsername: 'axl',
      axlPassword: 'x',
      icsaGroup: 'g',
      ...state,
    }));

const impNodeArb = (id: string, impClusterId: string, isPublisher: boolean) =>
  fc
    .record({
      status: fc.constantFrom('Operational', 'Operational', 'Outage'),
      axlServiceRunning: fc.constantFrom(true, true, true, false),
      inGroup: fc.boolean(),
    })
    .map(({ inGroup, ...state }): ImpNode => ({
      id,
      orgId: 'o',
      impClusterId,
      address: `${id}.example`,
      version: '15',
      isPublisher,
      presenceRedundancyGroupId: inGroup ? `g-${impClusterId}` : null,
      discovered: true,
      runningVersion: '15',
      removed: false,
      sessionMove: null,
      ...state,
    }));

const IMP_CLUSTERS = ['i1', 'i2', 'i3'];
const IMP_NODES = IMP_CLUSTERS.flatMap((c) => [`${c}-pub`, `${c}-sub`]);
const NODE_IDS = ['e1-n1', 'e1-n2', 'e1-n3', 'e2-n1', 'e2-n2'];

const deploymentArb: fc.Arbitrary<DeploymentFacts> = fc
  .record({
    sizes: fc.tuple(
      fc.constantFrom<NodeSize>('Small', 'Large'),
      fc.constantFrom<NodeSize>('Small'),
    ),
    e1Nodes: fc.integer({ min: 1, max: 3 }),
    e2Nodes: fc.integer({ min: 1, max: 2 }),
    nodes: fc.tuple(...NODE_IDS.map((id) => nodeArb(id, id.slice(0, 2)))),
    impClusters: fc.tuple(...IMP_CLUSTERS.map(impClusterArb)),
    impNodes: fc.tuple(
      ...IMP_NODES.map((id) => impNodeArb(id, id.slice(0, 2), id.endsWith('pub'))),
    ),
    highAvailability: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
    // How full each node is: empty, some, one short of full, full.
    fullness: fc.tuple(...NODE_IDS.map(() => fc.constantFrom(0, 0.3, -1, 1))),
  })
  .map(({ sizes, e1Nodes, e2Nodes, nodes, impClusters, impNodes, highAvailability, fullness }) => {
    const kept = nodes.filter((n) => {
      const index = Number(n.id.slice(-1));
      return n.clusterId === 'e1' ? index <= e1Nodes : index <= e2Nodes;
    });
    const sizeOf = (clusterId: string) => (clusterId === 'e1' ? sizes[0] : sizes[1]);
    const usersByNode = new Map(
      kept.map((n) => {
        const capacity = NODE_CAPACITY[sizeOf(n.clusterId)];
        const f = fullness[NODE_IDS.indexOf(n.id)]!;
        return [n.id, f === -1 ? capacity - 1 : Math.round(f * capacity)];
      }),
    );
    return {
      expresswayClusters: [
        { id: 'e1', orgId: 'o', name: 'Expressway One', nodeSize: sizes[0] },
        { id: 'e2', orgId: 'o', name: 'Expressway Two', nodeSize: sizes[1] },
      ],
      nodes: kept,
      impClusters,
      impNodes,
      presenceRedundancyGroups: IMP_CLUSTERS.map((c, i) => ({
        id: `g-${c}`,
        orgId: 'o',
        impClusterId: c,
        name: `Group ${c}`,
        highAvailability: highAvailability[i]!,
        connectorRestartRequired: false,
      })),
      usersByNode,
    };
  });

const entryArb = fc
  .record({
    impClusterId: fc.constantFrom(...IMP_CLUSTERS),
    mailid: fc.constantFrom(EMAIL, EMAIL.toUpperCase(), EMAIL, '', 'jdoe@acme.example'),
    userid: fc.constantFrom('jane.doe', 'jane.doe', 'someone'),
    homeSuffix: fc.constantFrom('pub', 'pub', 'sub'),
    jid: fc.constantFrom(JID, JID, 'other@im.acme.example'),
  })
  .map(({ impClusterId, homeSuffix, ...fields }): DirectoryEntry => ({
    id: `${impClusterId}-${fields.mailid}-${fields.userid}-${homeSuffix}`,
    orgId: 'o',
    impClusterId,
    homeImpNodeId: `${impClusterId}-${homeSuffix}`,
    ...fields,
  }));

const caseArb = fc
  .record({
    deployment: deploymentArb,
    entitled: fc.constantFrom(true, true, true, false),
    entries: fc.uniqueArray(entryArb, { maxLength: 3, selector: (e) => e.id }),
    jidAccounts: fc.subarray([JID, 'other@im.acme.example']),
    nodeId: fc.constantFrom<string | null>(null, null, ...NODE_IDS),
  })
  .map(({ deployment, entitled, entries, jidAccounts, nodeId }) => {
    const facts: ActivationFacts = {
      email: EMAIL,
      entitledHybridMessage: entitled,
      directoryEntries: entries,
      jidAccounts: jidAccounts.filter((jid) => entries.some((e) => e.jid === jid)),
      deployment,
    };
    // An assigned user is on a node that exists; the facts count them out of it already.
    const assigned =
      nodeId !== null && deployment.nodes.some((n) => n.id === nodeId) ? nodeId : null;
    const user: DiagnosedUser = { email: EMAIL, entitledHybridMessage: entitled, nodeId: assigned };
    return { facts, user };
  });

describe('diagnose agrees with evaluateActivation', () => {
  it('the first failing check is the one behind the error activation gives', () => {
    fc.assert(
      fc.property(caseArb, ({ facts, user }) => {
        const outcome = evaluateActivation(facts);
        const checks = diagnose(user, facts);
        if (outcome.kind === 'error') {
          expect(firstFailingCheck(checks)).toBe(CHECK_FOR_ERROR[outcome.code]);
        } else if (user.nodeId === null) {
          // Nothing in the way of an activation: nothing fails.
          expect(firstFailingCheck(checks)).toBeNull();
          expect(diagnosticsSummary(checks)).toBe('All checks passed.');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reaches every error code (the generator is not blind to some)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(caseArb, ({ facts }) => {
        const outcome = evaluateActivation(facts);
        seen.add(outcome.kind === 'error' ? outcome.code : outcome.kind);
      }),
      { numRuns: 3000 },
    );
    expect([...seen].sort()).toEqual([...Object.keys(CHECK_FOR_ERROR), 'assign'].sort());
  });

  it('answers every check, in the contract order, with a remedy exactly when it fails', () => {
    fc.assert(
      fc.property(caseArb, ({ facts, user }) => {
        const checks = diagnose(user, facts);
        expect(checks.map((c) => c.id)).toEqual(DiagnosticCheckId.options);
        for (const check of checks) {
          expect(check.remedy !== null).toBe(check.result === 'fail');
          expect(check.detail.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// --- readable cases, by hand ---

function base(): ActivationFacts {
  const cluster = (
    id: string,
    exp: string | null,
    extra: Partial<ImpCluster> = {},
  ): ImpCluster => ({
    id,
    orgId: 'o',
    name: `IM&P ${id}`,
    expresswayClusterId: exp,
    publisherAddress: `${id}.example`,
    axlUsername: 'axl-user',
    axlPassword: 'x',
    axlAccountHasRole: true,
    certificateValidation: true,
    certificateTrusted: true,
    icsaGroup: 'g',
    ...extra,
  });
  const imp = (id: string, impClusterId: string, extra: Partial<ImpNode> = {}): ImpNode => ({
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
    ...extra,
  });
  const node = (id: string, extra: Partial<ConnectorNode> = {}): ConnectorNode => ({
    id,
    orgId: 'o',
    clusterId: 'e1',
    hostname: `${id}.example`,
    version: 'X15',
    connectivity: 'Operational',
    managementConnector: 'Running',
    messageConnector: 'Running',
    maintenance: 'Off',
    maintenanceMove: null,
    revision: 1,
    ...extra,
  });
  return {
    email: EMAIL,
    entitledHybridMessage: true,
    directoryEntries: [
      {
        id: 'd1',
        orgId: 'o',
        impClusterId: 'i1',
        userid: 'jane.doe',
        jid: JID,
        mailid: EMAIL,
        homeImpNodeId: 'i1-pub',
      },
    ],
    jidAccounts: [],
    deployment: {
      expresswayClusters: [{ id: 'e1', orgId: 'o', name: 'Expressway One', nodeSize: 'Small' }],
      nodes: [node('n1'), node('n2')],
      impClusters: [cluster('i1', 'e1'), cluster('far', null)],
      impNodes: [
        imp('i1-pub', 'i1', { presenceRedundancyGroupId: 'g' }),
        imp('i1-sub', 'i1', { presenceRedundancyGroupId: 'g' }),
        imp('far-pub', 'far'),
      ],
      presenceRedundancyGroups: [
        {
          id: 'g',
          orgId: 'o',
          impClusterId: 'i1',
          name: 'Group A',
          highAvailability: true,
          connectorRestartRequired: false,
        },
      ],
      usersByNode: new Map(),
    },
  };
}
const user = (nodeId: string | null = null): DiagnosedUser => ({
  email: EMAIL,
  entitledHybridMessage: true,
  nodeId,
});
const check = (facts: ActivationFacts, id: DiagnosticCheckId, u = user()) =>
  diagnose(u, facts).find((c) => c.id === id)!;
const withDeployment = (changes: Partial<DeploymentFacts>): ActivationFacts => {
  const facts = base();
  return { ...facts, deployment: { ...facts.deployment, ...changes } };
};

describe('diagnose, case by case', () => {
  it('passes everything for a healthy user', () => {
    const checks = diagnose(user(), base());
    expect(checks.every((c) => c.result === 'pass')).toBe(true);
    expect(diagnosticsSummary(checks)).toBe('All checks passed.');
    expect(check(base(), 'connectorRunning').detail).toMatch(
      /^Expressway One \(n1\.example\) runs both connectors/,
    );
  });

  it('explains a user known only on an unconnected cluster', () => {
    const facts = base();
    facts.directoryEntries = [{ ...facts.directoryEntries[0]!, impClusterId: 'far' }];
    expect(check(facts, 'foundOnPremises')).toMatchObject({
      result: 'fail',
      detail: 'Known only on IM&P far, which no Expressway cluster is configured with.',
      remedy: ACTIVATION_ERRORS.NOT_FOUND_ON_PREMISES.remedy,
    });
    expect(check(facts, 'mailidPresent').result).toBe('not applicable');
    expect(check(facts, 'connectorRunning').result).toBe('not applicable');
  });

  it('does not judge mailids through a connector that cannot read the directory', () => {
    const facts = withDeployment({
      impClusters: base().deployment.impClusters.map((c) =>
        c.id === 'i1' ? { ...c, axlAccountHasRole: false } : c,
      ),
    });
    facts.directoryEntries = [{ ...facts.directoryEntries[0]!, mailid: '' }];
    const checks = diagnose(user(), facts);
    expect(checks.find((c) => c.id === 'mailidPresent')!.result).toBe('not applicable');
    expect(checks.find((c) => c.id === 'axlReachable')).toMatchObject({
      result: 'fail',
      detail: 'AXL fails for IM&P i1: the account axl-user lacks the AXL role.',
    });
    expect(diagnosticsSummary(checks)).toBe(
      'First failing check: IM and Presence publisher reachable over AXL? — AXL fails for IM&P i1: the account axl-user lacks the AXL role.',
    );
  });

  it('names both clusters of a duplicate mailid and the mismatching mailid', () => {
    const facts = base();
    facts.directoryEntries = [
      ...facts.directoryEntries,
      { ...facts.directoryEntries[0]!, id: 'd2', impClusterId: 'far', homeImpNodeId: 'far-pub' },
    ];
    expect(check(facts, 'homedOnOneCluster').detail).toBe(
      `The mailid ${EMAIL} is homed on 2 IM and Presence clusters: IM&P i1 and IM&P far.`,
    );
    const mismatch = base();
    mismatch.directoryEntries = [{ ...mismatch.directoryEntries[0]!, mailid: 'jdoe@acme.example' }];
    expect(check(mismatch, 'mailidMatches').detail).toBe(
      `IM and Presence has the mailid jdoe@acme.example; Control Hub has ${EMAIL}.`,
    );
  });

  it('passes a home node in Outage whose high-availability peer serves, and fails it without', () => {
    const outage = (ha: boolean) =>
      withDeployment({
        impNodes: base().deployment.impNodes.map((n) =>
          n.id === 'i1-pub' ? { ...n, status: 'Outage' as const } : n,
        ),
        presenceRedundancyGroups: [
          {
            id: 'g',
            orgId: 'o',
            impClusterId: 'i1',
            name: 'Group A',
            highAvailability: ha,
            connectorRestartRequired: false,
          },
        ],
      });
    expect(check(outage(true), 'homeNodeOperational')).toMatchObject({
      result: 'pass',
      detail: expect.stringMatching(/peer serves/),
    });
    expect(check(outage(false), 'homeNodeOperational')).toMatchObject({
      result: 'fail',
      detail: 'The home node i1-pub.example is in Outage and Group A has high availability Off.',
    });
  });

  it("fails an assigned user's stopped node, and offers Reactivate User when another node serves", () => {
    const facts = withDeployment({
      nodes: base().deployment.nodes.map((n) =>
        n.id === 'n1' ? { ...n, messageConnector: 'Stopped' as const } : n,
      ),
    });
    const result = check(facts, 'connectorRunning', user('n1'));
    expect(result).toMatchObject({
      result: 'fail',
      detail: 'The user is assigned to Expressway One (n1.example): Message Connector Stopped.',
    });
    expect(result.remedy).toMatch(/Reactivate User/);
    expect(check(base(), 'connectorRunning', user('n2'))).toMatchObject({
      result: 'pass',
      detail: 'Assigned to Expressway One (n2.example): both connectors running and connected.',
    });
  });

  it('says when the serving cluster is full', () => {
    const facts = withDeployment({
      usersByNode: new Map([
        ['n1', 2500],
        ['n2', 2500],
      ]),
    });
    expect(check(facts, 'connectorRunning')).toMatchObject({
      result: 'fail',
      detail: expect.stringMatching(/^Expressway One is full: 5,000 users for a capacity of 5,000/),
      remedy: ACTIVATION_ERRORS.CLUSTER_AT_CAPACITY.remedy,
    });
  });
});
