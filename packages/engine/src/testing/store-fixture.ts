import type { UserStatus } from '@hybrid-hub/contract';
import type { DeploymentRows, Store } from '../store/store.ts';
import type { CloudUser, HistoryEntry } from '../model/user.ts';
import type { DirectoryEntry } from '../model/deployment.ts';

/**
 * A small, hand-made fixture for the store contract: two organizations, awkward names (same name
 * in two cases, a non-ASCII name, hyphenated words), ties on every sort key, null activities.
 * Written only through the Store's write methods, so any implementation can load it.
 */
export const ORG_A = 'org-a';
export const ORG_B = 'org-b';
export const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const HOUR = 3_600_000;

export const deploymentA: DeploymentRows = {
  expresswayClusters: [
    { id: 'a-exp-2', orgId: ORG_A, name: 'Expressway Two', nodeSize: 'Small' },
    { id: 'a-exp-1', orgId: ORG_A, name: 'Expressway One', nodeSize: 'Medium' },
  ],
  nodes: [
    node('a-n1', 'a-exp-1', 'exp-b.a.example'),
    node('a-n2', 'a-exp-1', 'exp-a.a.example'),
    node('a-n3', 'a-exp-2', 'exp-c.a.example'),
  ],
  impClusters: [
    impCluster('a-imp-1', ORG_A, 'IM&P One', 'a-exp-1'),
    impCluster('a-imp-2', ORG_A, 'IM&P Two', null),
  ],
  impNodes: [
    impNode('a-imp-1-sub', ORG_A, 'a-imp-1', 'sub.imp1.a.example', false, 'a-prg-1'),
    impNode('a-imp-1-pub', ORG_A, 'a-imp-1', 'pub.imp1.a.example', true, 'a-prg-1'),
    impNode('a-imp-2-pub', ORG_A, 'a-imp-2', 'pub.imp2.a.example', true, null),
  ],
  presenceRedundancyGroups: [
    {
      id: 'a-prg-1',
      orgId: ORG_A,
      impClusterId: 'a-imp-1',
      name: 'Group 1',
      highAvailability: true,
      connectorRestartRequired: false,
    },
  ],
};

export const deploymentB: DeploymentRows = {
  expresswayClusters: [{ id: 'b-exp-1', orgId: ORG_B, name: 'Expressway B', nodeSize: 'Large' }],
  nodes: [{ ...node('b-n1', 'b-exp-1', 'exp.b.example'), orgId: ORG_B }],
  impClusters: [impCluster('b-imp-1', ORG_B, 'IM&P B', 'b-exp-1')],
  impNodes: [impNode('b-imp-1-pub', ORG_B, 'b-imp-1', 'pub.imp.b.example', true, null)],
  presenceRedundancyGroups: [],
};

function node(id: string, clusterId: string, hostname: string) {
  return {
    id,
    orgId: ORG_A,
    clusterId,
    hostname,
    version: 'X15.0',
    connectivity: 'Operational' as const,
    managementConnector: 'Running' as const,
    messageConnector: 'Running' as const,
    maintenance: 'Off' as const,
    maintenanceMove: null,
    revision: 1,
  };
}

function impCluster(id: string, orgId: string, name: string, expresswayClusterId: string | null) {
  return {
    id,
    orgId,
    name,
    expresswayClusterId,
    publisherAddress: `pub.${id}.example`,
    axlUsername: 'axl-admin',
    axlPassword: 'secret',
    axlAccountHasRole: true,
    certificateValidation: true,
    certificateTrusted: true,
    icsaGroup: 'icsa',
  };
}

function impNode(
  id: string,
  orgId: string,
  impClusterId: string,
  address: string,
  isPublisher: boolean,
  presenceRedundancyGroupId: string | null,
) {
  return {
    id,
    orgId,
    impClusterId,
    address,
    version: '15.0.1',
    status: 'Operational' as const,
    isPublisher,
    axlServiceRunning: true,
    presenceRedundancyGroupId,
    discovered: true,
    runningVersion: '15.0.1',
    removed: false,
    sessionMove: null,
  };
}

type Row = [
  id: string,
  name: string,
  email: string,
  status: UserStatus,
  lastActivityHoursAgo: number | null,
];

// Ids are deliberately not in name order, so that tie-breaks by id are visible.
const ROWS_A: Row[] = [
  ['u07', 'Alice Smith', 'alice.smith@a.example', 'Active', 1],
  ['u03', 'alice smith', 'alice.smith2@a.example', 'Active', 1],
  ['u12', 'Bob Jones', 'bob.jones@a.example', 'Error', null],
  ['u01', 'Bobby Tables', 'bobby.tables@a.example', 'Not activated', null],
  ['u15', 'Carol Danvers', 'carol.danvers@a.example', 'Pending', 100],
  ['u09', 'Dan Brown', 'dan.brown@a.example', 'Active', 5],
  ['u20', 'Émile Zola', 'emile.zola@a.example', 'Active', 200],
  ['u05', 'Jane Doe', 'jane.doe@a.example', 'Active', 5],
  ['u18', 'Janet Doe', 'janet.doe@a.example', 'Error', 48],
  ['u11', 'John Doe', 'john.doe@a.example', 'Not activated', null],
  ['u02', 'Jane Austen', 'jane.austen@a.example', 'Active', 2],
  ['u14', 'Mary-Jane Watson', 'mj.watson@a.example', 'Active', 72],
  ['u10', 'Zed Zulu', 'ZED.ZULU@A.EXAMPLE', 'Pending', null],
];
for (let i = 0; i < 17; i++) {
  const n = String(i + 1).padStart(2, '0');
  const statuses: UserStatus[] = ['Active', 'Not activated', 'Active', 'Error', 'Pending'];
  ROWS_A.push([
    `t${String(30 - i).padStart(2, '0')}`,
    `Tester ${n}`,
    `tester.${n}@a.example`,
    statuses[i % 5]!,
    i % 3 === 0 ? null : (i % 4) * 10,
  ]);
}

export function makeUser(
  orgId: string,
  [id, displayName, email, status, hoursAgo]: Row,
): CloudUser {
  const assigned = status === 'Active';
  const nodeId =
    orgId === ORG_B ? 'b-n1' : id.startsWith('t') ? 'a-n2' : id < 'u10' ? 'a-n1' : 'a-n3';
  const clusterId = orgId === ORG_B ? 'b-exp-1' : nodeId === 'a-n3' ? 'a-exp-2' : 'a-exp-1';
  return {
    id,
    orgId,
    email,
    displayName,
    entitledHybridMessage: true,
    entitledMessageFree: true,
    messageServiceEnabled: status !== 'Not activated',
    status,
    errorCode: status === 'Error' ? 'NO_MAIL_ID' : null,
    errorMessage: status === 'Error' ? 'No mailid' : null,
    clusterId: assigned ? clusterId : null,
    nodeId: assigned ? nodeId : null,
    homeImpNodeId: assigned
      ? orgId === ORG_B
        ? 'b-imp-1-pub'
        : id < 'u06'
          ? 'a-imp-1-pub'
          : 'a-imp-1-sub'
      : null,
    lastActivityAt: hoursAgo === null ? null : NOW - hoursAgo * HOUR,
    dueAt: status === 'Pending' ? NOW - (hoursAgo ?? 0) * 1000 + 2000 : null,
    updatedAt: NOW - 1000,
    version: 1,
  };
}

export const usersA: CloudUser[] = ROWS_A.map((row) => makeUser(ORG_A, row));
export const usersB: CloudUser[] = [
  makeUser(ORG_B, ['b-u1', 'Jane Doe', 'jane.doe@b.example', 'Active', 1]),
  {
    ...makeUser(ORG_B, ['b-u2', 'Zara Pending', 'zara@b.example', 'Pending', null]),
    dueAt: NOW - 500,
  },
];

export const directoryA: DirectoryEntry[] = [
  entry('d1', ORG_A, 'a-imp-1', 'jane.doe', 'Jane.Doe@A.example', 'a-imp-1-pub'),
  entry('d2', ORG_A, 'a-imp-2', 'jane.doe', 'jane.doe@a.example', 'a-imp-2-pub'),
  entry('d3', ORG_A, 'a-imp-1', 'bob.jones', '', 'a-imp-1-sub'),
  entry('d4', ORG_A, 'a-imp-1', 'dan.brown', 'dan.brown@a.example', 'a-imp-1-sub'),
];
export const directoryB: DirectoryEntry[] = [
  entry('d-b1', ORG_B, 'b-imp-1', 'jane.doe', 'jane.doe@a.example', 'b-imp-1-pub'),
];

function entry(
  id: string,
  orgId: string,
  impClusterId: string,
  userid: string,
  mailid: string,
  home: string,
): DirectoryEntry {
  return {
    id,
    orgId,
    impClusterId,
    userid,
    jid: `${userid}@im.example`,
    mailid,
    homeImpNodeId: home,
  };
}

/** Jane Doe of org A: five history lines, two at the same instant. */
export const historyA: HistoryEntry[] = [0, 1, 2, 2, 3].map((minutes, i) => ({
  id: `h${i + 1}`,
  orgId: ORG_A,
  userId: 'u05',
  at: NOW - 60 * 60_000 + minutes * 60_000,
  actor: i === 0 ? 'admin@a.example' : 'system',
  fromStatus: i === 0 ? null : 'Pending',
  toStatus: i === 0 ? 'Pending' : 'Active',
  code: null,
  message: `line ${i + 1}`,
  clusterId: null,
  nodeId: null,
}));

export async function seedStoreFixture(store: Store): Promise<void> {
  await store.insertOrganization({ id: ORG_B, name: 'Org B' });
  await store.insertOrganization({ id: ORG_A, name: 'Org A' });
  await store.insertDeployment(deploymentA);
  await store.insertDeployment(deploymentB);
  await store.insertDirectoryEntries([...directoryA, ...directoryB]);
  await store.insertJidAccounts([
    { orgId: ORG_A, jid: 'jane.doe@im.example', createdAt: NOW - HOUR },
  ]);
  await store.insertUsers(usersA.slice(0, 20));
  await store.insertUsers([...usersA.slice(20), ...usersB]);
  await store.appendHistory(historyA);
  await store.appendHistory([{ ...historyA[0]!, id: 'h-b1', orgId: ORG_B, userId: 'b-u1' }]);
}
