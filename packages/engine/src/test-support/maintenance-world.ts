import { ManualClock } from '../clock.ts';
import { createEngine, type Actor, type Engine } from '../engine.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import type { ConnectorNode, DirectoryEntry } from '../model/deployment.ts';
import type { CloudUser } from '../model/user.ts';
import type { DeploymentRows } from '../store/store.ts';
import { connectorNode } from './activation-world.ts';

/**
 * A deployment for maintenance mode's tests, users placed straight on their nodes (Active):
 * - Expressway Big: four Large nodes (15,000 users each), for the 15,000-user move.
 * - Expressway Pair: two Small nodes (5,000 each) serving IM&P Pair, whose directory knows
 *   every user of the pair, so that a user left without a connector can be activated again.
 * - Expressway Solo: one Small node.
 * - Expressway Quad: four Small nodes, for random sequences (small enough to fill quickly).
 */
export const ORG = 'org-m';
export const ADMIN: Actor = { orgId: ORG, actor: 'admin@m.example' };
export const START = Date.UTC(2026, 10, 2, 9, 0, 0);
export const MINUTE = 60_000;

export const hostnameOf = (nodeId: string) => `${nodeId}.m.example`;

function node(id: string, clusterId: string): ConnectorNode {
  return connectorNode(id, clusterId, hostnameOf(id), { orgId: ORG });
}

export const deployment: DeploymentRows = {
  expresswayClusters: [
    { id: 'exp-big', orgId: ORG, name: 'Expressway Big', nodeSize: 'Large' },
    { id: 'exp-pair', orgId: ORG, name: 'Expressway Pair', nodeSize: 'Small' },
    { id: 'exp-solo', orgId: ORG, name: 'Expressway Solo', nodeSize: 'Small' },
    { id: 'exp-quad', orgId: ORG, name: 'Expressway Quad', nodeSize: 'Small' },
  ],
  nodes: [
    node('big-1', 'exp-big'),
    node('big-2', 'exp-big'),
    node('big-3', 'exp-big'),
    node('big-4', 'exp-big'),
    node('pair-1', 'exp-pair'),
    node('pair-2', 'exp-pair'),
    node('solo-1', 'exp-solo'),
    node('quad-1', 'exp-quad'),
    node('quad-2', 'exp-quad'),
    node('quad-3', 'exp-quad'),
    node('quad-4', 'exp-quad'),
  ],
  impClusters: [
    {
      id: 'imp-pair',
      orgId: ORG,
      name: 'IM&P Pair',
      expresswayClusterId: 'exp-pair',
      publisherAddress: 'pub.imp-pair.m.example',
      axlUsername: 'hybrid-axl',
      axlPassword: 'secret',
      axlAccountHasRole: true,
      certificateValidation: false,
      certificateTrusted: true,
      icsaGroup: null,
    },
  ],
  impNodes: [
    {
      id: 'imp-pair-pub',
      orgId: ORG,
      impClusterId: 'imp-pair',
      address: 'pub.imp-pair.m.example',
      version: '15.0.1',
      status: 'Operational',
      isPublisher: true,
      axlServiceRunning: true,
      presenceRedundancyGroupId: null,
      discovered: true,
      runningVersion: '15.0.1',
      removed: false,
      sessionMove: null,
    },
  ],
  presenceRedundancyGroups: [],
};

const CLUSTER_OF = new Map(deployment.nodes.map((n) => [n.id, n.clusterId]));

export interface MaintenanceWorld {
  store: MemoryStore;
  clock: ManualClock;
  engine: Engine;
  /** Puts `count` Active users on the node (ids `<nodeId>-u<n>`), known to IM&P Pair. */
  addUsers(nodeId: string, count: number): Promise<string[]>;
  node(nodeId: string): Promise<ConnectorNode>;
  usersByNode(): Promise<Map<string, number>>;
  /** Changes a node as the Lab would (a failure, a recovery), bumping its revision. */
  changeNode(nodeId: string, fields: Partial<ConnectorNode>): Promise<void>;
  /** Runs the due work until it leaves nothing for now (at the clock's current time). */
  runDueWork(): Promise<{ moved: number; leftWithoutConnector: number }>;
}

export async function makeMaintenanceWorld({
  ratePerMinute = 1000,
  batch = 1000,
  retryDelayMs = 15 * MINUTE,
}: {
  ratePerMinute?: number;
  batch?: number;
  retryDelayMs?: number;
} = {}): Promise<MaintenanceWorld> {
  const clock = new ManualClock(START);
  const store = new MemoryStore();
  await store.insertOrganization({ id: ORG, name: 'Org M' });
  await store.insertDeployment(deployment);
  const engine = createEngine({
    store,
    clock,
    retryDelayMs,
    dueWorkBatchSize: batch,
    maintenanceRatePerMinute: ratePerMinute,
    activationDelayMs: 1000,
  });
  const readNode = async (nodeId: string) =>
    (await store.listNodes(ORG)).find((n) => n.id === nodeId)!;
  let added = 0;
  return {
    store,
    clock,
    engine,
    async addUsers(nodeId, count) {
      const users: CloudUser[] = [];
      const entries: DirectoryEntry[] = [];
      for (let i = 0; i < count; i++) {
        const id = `${nodeId}-u${String(i).padStart(5, '0')}`;
        const email = `${id}@m.example`;
        users.push({
          id,
          orgId: ORG,
          email,
          displayName: `User ${id}`,
          entitledHybridMessage: true,
          entitledMessageFree: true,
          messageServiceEnabled: true,
          status: 'Active',
          errorCode: null,
          errorMessage: null,
          clusterId: CLUSTER_OF.get(nodeId)!,
          nodeId,
          homeImpNodeId: 'imp-pair-pub',
          // Every other user used the service within the last day; the rest long ago.
          lastActivityAt: (added + i) % 2 === 0 ? START - 3_600_000 : START - 10 * 86_400_000,
          dueAt: null,
          updatedAt: START - 1000,
          version: 1,
        });
        entries.push({
          id: `d-${id}`,
          orgId: ORG,
          impClusterId: 'imp-pair',
          userid: id,
          jid: `${id}@im.m.example`,
          mailid: email,
          homeImpNodeId: 'imp-pair-pub',
        });
      }
      added += count;
      await store.insertUsers(users);
      await store.insertDirectoryEntries(entries);
      return users.map((u) => u.id);
    },
    node: readNode,
    usersByNode: () => store.countUsersByNode(ORG),
    async changeNode(nodeId, fields) {
      const current = await readNode(nodeId);
      const ok = await store.updateNode(
        { ...current, ...fields, revision: current.revision + 1 },
        current.revision,
      );
      if (!ok) throw new Error(`node ${nodeId} changed meanwhile`);
    },
    async runDueWork() {
      const done = { moved: 0, leftWithoutConnector: 0 };
      for (let call = 0; call < 1000; call++) {
        const report = await engine.runDueWork();
        done.moved += report.maintenanceMoved;
        done.leftWithoutConnector += report.maintenanceLeftWithoutConnector;
        if (!report.more) return done;
      }
      throw new Error('the due work did not settle');
    },
  };
}
