import { ACTIVATION_ERROR_CODES } from '@hybrid-hub/contract';
import { describe, expect, it } from 'vitest';
import type { ConnectorNode, ImpCluster, ImpNode } from '../model/deployment.ts';
import { ACTIVATION_ERRORS } from './error-catalog.ts';
import {
  buildMessageServiceStatus,
  directorySources,
  NO_DIRECTORY_USERS_WARNING,
} from './message-service-status.ts';

const node = (id: string, changes: Partial<ConnectorNode> = {}): ConnectorNode => ({
  id,
  orgId: 'o',
  clusterId: 'exp',
  hostname: id,
  version: 'X15',
  connectivity: 'Operational',
  managementConnector: 'Running',
  messageConnector: 'Running',
  maintenance: 'Off',
  maintenanceMove: null,
  revision: 1,
  ...changes,
});
const imp = (
  id: string,
  expresswayClusterId: string | null,
  icsaGroup: string | null,
  changes: Partial<ImpCluster> = {},
): ImpCluster => ({
  id,
  orgId: 'o',
  name: id,
  expresswayClusterId,
  publisherAddress: id,
  axlUsername: 'axl',
  axlPassword: 'x',
  axlAccountHasRole: true,
  certificateValidation: true,
  certificateTrusted: true,
  icsaGroup,
  ...changes,
});
const pub = (impClusterId: string, changes: Partial<ImpNode> = {}): ImpNode => ({
  id: `${impClusterId}-pub`,
  orgId: 'o',
  impClusterId,
  address: `${impClusterId}.example`,
  version: '15',
  status: 'Operational',
  isPublisher: true,
  axlServiceRunning: true,
  presenceRedundancyGroupId: null,
  discovered: true,
  runningVersion: '15',
  removed: false,
  sessionMove: null,
  ...changes,
});

describe('directorySources', () => {
  const all = [
    imp('a', 'exp', 'g'),
    imp('b', 'exp', null),
    imp('c', 'other', 'g'),
    imp('d', null, 'g'),
    imp('e', null, 'h'),
  ];
  const impNodes = all.map((c) => pub(c.id));

  it('counts the local clusters, and for ICSA every cluster of their groups', () => {
    const local = all.filter((c) => c.expresswayClusterId === 'exp');
    expect(directorySources([node('n1')], local, all, impNodes)).toEqual({
      connected: ['a', 'b'],
      icsa: ['a', 'b', 'c', 'd'],
    });
  });

  it('reads nothing from a cluster whose AXL or certificate fails, or when no Message Connector runs', () => {
    const local = [all[0]!, imp('b', 'exp', null, { certificateTrusted: false })];
    const axlDown = impNodes.map((n) =>
      n.impClusterId === 'a' ? { ...n, axlServiceRunning: false } : n,
    );
    expect(directorySources([node('n1')], local, all, axlDown)).toEqual({
      connected: [],
      icsa: [],
    });
    expect(
      directorySources(
        [node('n1', { messageConnector: 'Stopped' })],
        all.slice(0, 2),
        all,
        impNodes,
      ),
    ).toEqual({ connected: [], icsa: [] });
  });
});

describe('buildMessageServiceStatus', () => {
  const base = {
    nodes: [node('n1'), node('n2', { connectivity: 'Degraded' })],
    localImpClusters: [imp('a', 'exp', 'g', { certificateValidation: false })],
    impNodes: [
      pub('a'),
      {
        ...pub('a'),
        id: 'a-sub1',
        address: 'a2.example',
        isPublisher: false,
        status: 'Outage' as const,
      },
      { ...pub('a'), id: 'a-sub2', isPublisher: false, discovered: false },
    ],
    usersFromConnectedImpClusters: 300,
    usersFromAllImpClustersIcsa: 1000,
    usersByNode: new Map([
      ['n1', 2],
      ['n2', 1],
      ['elsewhere', 9],
    ]),
    usersByHomeNode: new Map([
      ['a-pub', { enabled: 2, active: 1 }],
      ['a-sub1', { enabled: 1, active: 1 }],
    ]),
  };

  it('totals enabled, active and inactive users with percentages of enabled', () => {
    const status = buildMessageServiceStatus(base);
    expect(status.userTotals).toEqual({
      usersFromConnectedImpClusters: 300,
      usersFromAllImpClustersIcsa: 1000,
      usersEnabled: 3,
      activeUsers: 2,
      activePercent: 66.7,
      inactiveUsers: 1,
      inactivePercent: 33.3,
      warning: null,
    });
    expect(status.connectivityToWebex.status).toBe('Degraded');
    expect(status.connectivityToWebex.hints.length).toBeGreaterThan(0);
    expect(
      status.impNodes.map((r) => [
        r.impNodeId,
        r.nodeStatus,
        r.certificateValidation,
        r.messageServiceUsers,
        r.activeUsers,
        r.inactiveUsers,
      ]),
    ).toEqual([
      ['a-pub', 'Operational', 'Off', 2, 1, 1],
      ['a-sub1', 'Outage', 'Off', 1, 1, 0],
    ]);
  });

  it('warns when both directory totals are 0, and shows 0 % when nobody is enabled', () => {
    const status = buildMessageServiceStatus({
      ...base,
      usersFromConnectedImpClusters: 0,
      usersFromAllImpClustersIcsa: 0,
      usersByNode: new Map(),
      usersByHomeNode: new Map(),
    });
    expect(status.userTotals).toMatchObject({
      warning: NO_DIRECTORY_USERS_WARNING,
      activePercent: 0,
      inactivePercent: 0,
    });
    expect(buildMessageServiceStatus({ ...base, nodes: [node('n1')] }).connectivityToWebex).toEqual(
      { status: 'Operational', hints: [] },
    );
  });
});

describe('ACTIVATION_ERRORS', () => {
  it.each(ACTIVATION_ERROR_CODES)('explains %s with a remedy', (code) => {
    const info = ACTIVATION_ERRORS[code];
    expect(info.message).not.toBe('');
    expect(info.remedy).not.toBe('');
    expect(info.retriedAutomatically).toBe(
      code === 'NO_CONNECTOR_AVAILABLE' || code === 'CLUSTER_AT_CAPACITY',
    );
  });
});
