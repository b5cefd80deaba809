import type {
  Alarm,
  AlarmCode,
  ConnectorNode as ConnectorNodeView,
  ImpNodeStatusRow,
} from '@hybrid-hub/contract';
import { ManualClock } from '../clock.ts';
import { createEngine, type Actor, type Engine, type EngineOptions } from '../engine.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import type {
  ConnectorNode,
  DirectoryEntry,
  ImpCluster,
  ImpNode,
  PresenceRedundancyGroup,
} from '../model/deployment.ts';
import type { CloudUser } from '../model/user.ts';
import type { DeploymentRows } from '../store/store.ts';
import {
  cloudUser,
  connectorNode as activationConnectorNode,
  impCluster as activationImpCluster,
  impNode as activationImpNode,
} from './activation-world.ts';

/**
 * A deployment for IM&P failover, alarms, the Message Connector restart and the Lab's controls,
 * users placed straight on their nodes (Active):
 * - Expressway HA: three Large nodes (15,000 users each) serving IM&P HA, whose publisher is
 *   outside any group, `imp-a` and `imp-b` pair in "Group AB" (high availability On), `imp-c`
 *   and `imp-d` in "Group CD" (Off). Five nodes: room for one more (six at most).
 * - Expressway Edge: two Small nodes serving IM&P Edge (a publisher only).
 * - Another organization (`org-g`) with a cluster of its own, to prove ids do not cross.
 */
export const ORG = 'org-f';
export const OTHER_ORG = 'org-g';
export const ADMIN: Actor = { orgId: ORG, actor: 'admin@f.example' };
export const OTHER_ADMIN: Actor = { orgId: OTHER_ORG, actor: 'admin@g.example' };
export const START = Date.UTC(2026, 10, 2, 9, 0, 0);
export const MINUTE = 60_000;
export const iso = (at: number) => new Date(at).toISOString();

export const HA_NODES = ['ha-1', 'ha-2', 'ha-3'] as const;
export const EDGE_NODES = ['edge-1', 'edge-2'] as const;

export const hostnameOf = (nodeId: string) => `${nodeId}.f.example`;
export const addressOf = (impNodeId: string) => `${impNodeId}.f.example`;

// The rows are activation-world's, moved to this organization and its names.
const connectorNode = (id: string, clusterId: string, orgId = ORG): ConnectorNode => ({
  ...activationConnectorNode(id, clusterId, hostnameOf(id)),
  orgId,
});

const impCluster = (
  id: string,
  name: string,
  expresswayClusterId: string,
  orgId = ORG,
): ImpCluster => ({
  ...activationImpCluster(id, name, expresswayClusterId, { icsaGroup: null }),
  orgId,
  publisherAddress: addressOf(`${id}-pub`),
});

const impNode = (
  id: string,
  impClusterId: string,
  fields: Partial<ImpNode> = {},
  orgId = ORG,
): ImpNode => ({
  ...activationImpNode(id, impClusterId, { address: addressOf(id), ...fields }),
  orgId,
});

function group(id: string, name: string, highAvailability: boolean): PresenceRedundancyGroup {
  return {
    id,
    orgId: ORG,
    impClusterId: 'imp-ha',
    name,
    highAvailability,
    connectorRestartRequired: false,
  };
}

export const deployment: DeploymentRows = {
  expresswayClusters: [
    { id: 'exp-ha', orgId: ORG, name: 'Expressway HA', nodeSize: 'Large' },
    { id: 'exp-edge', orgId: ORG, name: 'Expressway Edge', nodeSize: 'Small' },
  ],
  nodes: [
    ...HA_NODES.map((id) => connectorNode(id, 'exp-ha')),
    ...EDGE_NODES.map((id) => connectorNode(id, 'exp-edge')),
  ],
  impClusters: [
    impCluster('imp-ha', 'IM&P HA', 'exp-ha'),
    impCluster('imp-edge', 'IM&P Edge', 'exp-edge'),
  ],
  impNodes: [
    impNode('imp-ha-pub', 'imp-ha', { isPublisher: true }),
    impNode('imp-a', 'imp-ha', { presenceRedundancyGroupId: 'prg-ab' }),
    impNode('imp-b', 'imp-ha', { presenceRedundancyGroupId: 'prg-ab' }),
    impNode('imp-c', 'imp-ha', { presenceRedundancyGroupId: 'prg-cd' }),
    impNode('imp-d', 'imp-ha', { presenceRedundancyGroupId: 'prg-cd' }),
    impNode('imp-edge-pub', 'imp-edge', { isPublisher: true }),
  ],
  presenceRedundancyGroups: [group('prg-ab', 'Group AB', true), group('prg-cd', 'Group CD', false)],
};

const otherDeployment: DeploymentRows = {
  expresswayClusters: [{ id: 'exp-g', orgId: OTHER_ORG, name: 'Expressway G', nodeSize: 'Small' }],
  nodes: [connectorNode('g-1', 'exp-g', OTHER_ORG), connectorNode('g-2', 'exp-g', OTHER_ORG)],
  impClusters: [impCluster('imp-g', 'IM&P G', 'exp-g', OTHER_ORG)],
  impNodes: [impNode('imp-g-pub', 'imp-g', { isPublisher: true }, OTHER_ORG)],
  presenceRedundancyGroups: [],
};

const IMP_CLUSTER_OF = new Map(deployment.impNodes.map((n) => [n.id, n.impClusterId]));
const EXPRESSWAY_OF: Record<string, string> = { 'imp-ha': 'exp-ha', 'imp-edge': 'exp-edge' };
const NODES_OF: Record<string, readonly string[]> = { 'exp-ha': HA_NODES, 'exp-edge': EDGE_NODES };

export interface SessionSpec {
  /** The IM&P node the users are homed on in the directory. */
  home: string;
  /** The IM&P node serving their sessions now (default: the home). */
  on?: string;
  /** The connector node they are assigned to (default: the cluster's nodes in turn). */
  node?: string;
}

export interface FailoverWorld {
  store: MemoryStore;
  clock: ManualClock;
  engine: Engine;
  /** Adds `count` Active users with sessions (see SessionSpec); returns their ids. */
  addSessions(count: number, spec: SessionSpec): Promise<string[]>;
  /** Sessions per IM&P node, as the Lab shows them. */
  sessions(): Promise<Map<string, number>>;
  /** Expressway HA's Message Service Status rows (IM&P nodes the connector knows), by node id. */
  statusRows(clusterId?: string): Promise<Map<string, ImpNodeStatusRow>>;
  impNode(impNodeId: string): Promise<ImpNode | undefined>;
  user(userId: string): Promise<CloudUser>;
  /** Open alarms (all pages), or those of one code. */
  openAlarms(code?: AlarmCode): Promise<Alarm[]>;
  /** Enter or exit maintenance mode on a connector node, at its current revision. */
  setMaintenance(nodeId: string, action: 'enter' | 'exit'): Promise<ConnectorNodeView>;
  /** Runs the due work until it leaves nothing for now; returns the sessions moved. */
  runDueWork(): Promise<number>;
  /** Moves the injected clock by `ms` in steps of `stepMs`, running the due work after each. */
  walk(ms: number, stepMs?: number, after?: (elapsed: number) => Promise<void>): Promise<void>;
}

export async function makeFailoverWorld(
  options: Partial<Pick<EngineOptions, 'dueWorkBatchSize' | 'maintenanceRatePerMinute'>> = {},
): Promise<FailoverWorld> {
  const clock = new ManualClock(START);
  const store = new MemoryStore();
  await store.insertOrganization({ id: ORG, name: 'Org F' });
  await store.insertOrganization({ id: OTHER_ORG, name: 'Org G' });
  await store.insertDeployment(deployment);
  await store.insertDeployment(otherDeployment);
  const engine = createEngine({ store, clock, activationDelayMs: 1000, ...options });
  let added = 0;
  const world: FailoverWorld = {
    store,
    clock,
    engine,
    async addSessions(count, { home, on = home, node }) {
      const impClusterId = IMP_CLUSTER_OF.get(home)!;
      const clusterId = EXPRESSWAY_OF[impClusterId]!;
      const nodes = node ? [node] : NODES_OF[clusterId]!;
      const users: CloudUser[] = [];
      const entries: DirectoryEntry[] = [];
      for (let i = 0; i < count; i++) {
        const id = `u${String(added + i).padStart(6, '0')}`;
        const email = `${id}@f.example`;
        users.push(
          cloudUser(id, email, {
            orgId: ORG,
            messageServiceEnabled: true,
            status: 'Active',
            clusterId,
            nodeId: nodes[i % nodes.length]!,
            homeImpNodeId: on,
            lastActivityAt: START - 3_600_000,
          }),
        );
        entries.push({
          id: `d-${id}`,
          orgId: ORG,
          impClusterId,
          userid: id,
          jid: `${id}@im.f.example`,
          mailid: email,
          homeImpNodeId: home,
        });
      }
      added += count;
      await store.insertUsers(users);
      await store.insertDirectoryEntries(entries);
      return users.map((u) => u.id);
    },
    async sessions() {
      const lab = await engine.getLabDeployment(ORG);
      return new Map(lab.impClusters.flatMap((c) => c.nodes).map((n) => [n.id, n.sessions]));
    },
    async statusRows(clusterId = 'exp-ha') {
      const cluster = await engine.getCluster(ORG, clusterId);
      return new Map(cluster.messageServiceStatus.impNodes.map((row) => [row.impNodeId, row]));
    },
    impNode: async (impNodeId) => (await store.listImpNodes(ORG)).find((n) => n.id === impNodeId),
    user: async (userId) => (await store.getUsers(ORG, [userId]))[0]!,
    async openAlarms(code) {
      const page = await engine.listAlarms(ORG, { state: 'open', page: 1, pageSize: 100 });
      return page.items.filter((alarm) => code === undefined || alarm.code === code);
    },
    async setMaintenance(nodeId, action) {
      const { revision } = (await store.listNodes(ORG)).find((n) => n.id === nodeId)!;
      return engine.setMaintenance(ADMIN, nodeId, { action }, revision);
    },
    async runDueWork() {
      let moved = 0;
      for (let call = 0; call < 1000; call++) {
        const report = await engine.runDueWork();
        moved += report.sessionsMoved;
        if (!report.more) return moved;
      }
      throw new Error('the due work did not settle');
    },
    async walk(ms, stepMs = 30_000, after) {
      for (let elapsed = stepMs; elapsed <= ms; elapsed += stepMs) {
        clock.advance(stepMs);
        await world.runDueWork();
        await after?.(elapsed);
      }
    },
  };
  return world;
}
