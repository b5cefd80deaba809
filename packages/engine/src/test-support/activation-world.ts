import type { ConnectorNode, DirectoryEntry, ImpCluster, ImpNode } from '../model/deployment.ts';
import type { CloudUser } from '../model/user.ts';
import { ManualClock } from '../clock.ts';
import { createEngine, type Actor, type Engine, type EngineOptions } from '../engine.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import type { DeploymentRows, Store } from '../store/store.ts';

/**
 * A small deployment for the engine's tests, with each of the guide's trouble spots as a real
 * condition (not a flag on the user): users homed there get their error from activation.
 *
 * - Expressway Main (2 Small nodes) serves IM&P Main, IM&P No AXL (account without the AXL role)
 *   and IM&P Bad Cert (certificate cannot be validated).
 * - Expressway Down (1 node, in maintenance, Message Connector stopped) serves IM&P Down.
 * - Expressway Full (1 Small node) serves IM&P Full; `fullClusterLoad` users fill it.
 * - IM&P Other is known through ICSA only (no Expressway configured with it).
 * IM&P Main's nodes: a healthy publisher, a node in Outage outside any redundancy group, and a
 * node in Outage whose high-availability peer serves.
 */
export const ORG = 'org-t';
export const ADMIN: Actor = { orgId: ORG, actor: 'admin@t.example' };
export const DOMAIN = 't.example';
export const IM_DOMAIN = 'im.t.example';
export const START = Date.UTC(2026, 10, 2, 9, 0, 0);

export const HOMES = {
  main: 'imp-main-pub',
  outage: 'imp-main-out',
  failover: 'imp-main-fo',
  peer: 'imp-main-peer',
  other: 'imp-other-pub',
  down: 'imp-down-pub',
  full: 'imp-full-pub',
  noAxl: 'imp-noaxl-pub',
  badCert: 'imp-badcert-pub',
} as const;

export function connectorNode(
  id: string,
  clusterId: string,
  hostname: string,
  fields: Partial<ConnectorNode> = {},
): ConnectorNode {
  return {
    id,
    orgId: ORG,
    clusterId,
    hostname,
    version: 'X15.2',
    connectivity: 'Operational',
    managementConnector: 'Running',
    messageConnector: 'Running',
    maintenance: 'Off',
    maintenanceMove: null,
    revision: 1,
    ...fields,
  };
}

export function impCluster(
  id: string,
  name: string,
  expresswayClusterId: string | null,
  extra: Partial<ImpCluster> = {},
): ImpCluster {
  return {
    id,
    orgId: ORG,
    name,
    expresswayClusterId,
    publisherAddress: `pub.${id}.${DOMAIN}`,
    axlUsername: 'hybrid-axl',
    axlPassword: 'secret',
    axlAccountHasRole: true,
    certificateValidation: true,
    certificateTrusted: true,
    icsaGroup: 'icsa-1',
    ...extra,
  };
}

export function impNode(id: string, impClusterId: string, extra: Partial<ImpNode> = {}): ImpNode {
  return {
    id,
    orgId: ORG,
    impClusterId,
    address: `${id}.${DOMAIN}`,
    version: '15.0.1',
    status: 'Operational',
    isPublisher: false,
    axlServiceRunning: true,
    presenceRedundancyGroupId: null,
    discovered: true,
    runningVersion: '15.0.1',
    removed: false,
    sessionMove: null,
    ...extra,
  };
}

export const deployment: DeploymentRows = {
  expresswayClusters: [
    { id: 'exp-main', orgId: ORG, name: 'Expressway Main', nodeSize: 'Small' },
    { id: 'exp-down', orgId: ORG, name: 'Expressway Down', nodeSize: 'Small' },
    { id: 'exp-full', orgId: ORG, name: 'Expressway Full', nodeSize: 'Small' },
  ],
  nodes: [
    connectorNode('main-a', 'exp-main', 'exp-a.t.example'),
    connectorNode('main-b', 'exp-main', 'exp-b.t.example'),
    {
      ...connectorNode('down-1', 'exp-down', 'exp-down.t.example'),
      maintenance: 'In maintenance mode',
      messageConnector: 'Stopped',
    },
    connectorNode('full-1', 'exp-full', 'exp-full.t.example'),
  ],
  impClusters: [
    impCluster('imp-main', 'IM&P Main', 'exp-main'),
    impCluster('imp-other', 'IM&P Other', null),
    impCluster('imp-down', 'IM&P Down', 'exp-down'),
    impCluster('imp-full', 'IM&P Full', 'exp-full'),
    impCluster('imp-noaxl', 'IM&P No AXL', 'exp-main', { axlAccountHasRole: false }),
    impCluster('imp-badcert', 'IM&P Bad Cert', 'exp-main', { certificateTrusted: false }),
  ],
  impNodes: [
    impNode(HOMES.main, 'imp-main', { isPublisher: true }),
    impNode(HOMES.outage, 'imp-main', { status: 'Outage' }),
    impNode(HOMES.failover, 'imp-main', { status: 'Outage', presenceRedundancyGroupId: 'prg-ha' }),
    impNode(HOMES.peer, 'imp-main', { presenceRedundancyGroupId: 'prg-ha' }),
    impNode(HOMES.other, 'imp-other', { isPublisher: true }),
    impNode(HOMES.down, 'imp-down', { isPublisher: true }),
    impNode(HOMES.full, 'imp-full', { isPublisher: true }),
    impNode(HOMES.noAxl, 'imp-noaxl', { isPublisher: true }),
    impNode(HOMES.badCert, 'imp-badcert', { isPublisher: true }),
  ],
  presenceRedundancyGroups: [
    {
      id: 'prg-ha',
      orgId: ORG,
      impClusterId: 'imp-main',
      name: 'HA group',
      highAvailability: true,
      connectorRestartRequired: false,
    },
  ],
};

const IMP_CLUSTER_OF = new Map(deployment.impNodes.map((n) => [n.id, n.impClusterId]));

/** One directory entry of a test user: where it is homed and its mailid (default: the email). */
export interface EntrySpec {
  home: string;
  /** Default: the user's email. '' = no mailid. */
  mailid?: string;
}

export interface UserSpec {
  /** The email's local part (and the userid, and the JID's). */
  name: string;
  entitled?: boolean;
  entries?: EntrySpec[];
  /** A second cloud account named after the user's JID exists. */
  duplicateJid?: boolean;
}

export const emailOf = (name: string) => `${name}@${DOMAIN}`;

export function cloudUser(id: string, email: string, fields: Partial<CloudUser> = {}): CloudUser {
  return {
    id,
    orgId: ORG,
    email,
    displayName: email.split('@')[0]!,
    entitledHybridMessage: true,
    entitledMessageFree: true,
    messageServiceEnabled: false,
    status: 'Not activated',
    errorCode: null,
    errorMessage: null,
    clusterId: null,
    nodeId: null,
    homeImpNodeId: null,
    lastActivityAt: null,
    dueAt: null,
    updatedAt: START - 1000,
    version: 1,
    ...fields,
  };
}

export interface World {
  store: MemoryStore;
  clock: ManualClock;
  engine: Engine;
  /** Organizations passed to `onEventsCommitted`, call by call. */
  notified: string[][];
  /** Adds a user with the Message Service off (id = name) and their directory entries. */
  addUser(spec: UserSpec): Promise<string>;
  /** Advances the clock and runs the due work until nothing is left for now. */
  settle(ms?: number): Promise<void>;
}

export interface WorldOptions extends Partial<
  Pick<EngineOptions, 'activationDelayMs' | 'retryDelayMs'>
> {
  /** Active users already on Expressway Full's only node (its capacity is 5,000). */
  fullClusterLoad?: number;
  /** Wraps the store the engine uses (e.g. to simulate another writer). */
  wrapStore?: (store: MemoryStore) => Store;
}

export async function makeWorld(options: WorldOptions = {}): Promise<World> {
  const clock = new ManualClock(START);
  const store = new MemoryStore();
  await store.insertOrganization({ id: ORG, name: 'Org T' });
  await store.insertDeployment(deployment);
  const load = options.fullClusterLoad ?? 0;
  if (load > 0) {
    await store.insertUsers(
      Array.from({ length: load }, (_, i) =>
        cloudUser(`full-${i}`, emailOf(`full.${i}`), {
          messageServiceEnabled: true,
          status: 'Active',
          clusterId: 'exp-full',
          nodeId: 'full-1',
          homeImpNodeId: HOMES.full,
        }),
      ),
    );
  }
  const notified: string[][] = [];
  const engine = createEngine({
    store: options.wrapStore ? options.wrapStore(store) : store,
    clock,
    ...(options.activationDelayMs !== undefined
      ? { activationDelayMs: options.activationDelayMs }
      : {}),
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    onEventsCommitted: (orgIds) => notified.push([...orgIds]),
  });

  return {
    store,
    clock,
    engine,
    notified,
    async addUser(spec) {
      const email = emailOf(spec.name);
      const entries: DirectoryEntry[] = (spec.entries ?? []).map((entry, i) => ({
        id: `d-${spec.name}-${i}`,
        orgId: ORG,
        impClusterId: IMP_CLUSTER_OF.get(entry.home)!,
        userid: spec.name,
        jid: `${spec.name}@${IM_DOMAIN}`,
        mailid: entry.mailid ?? email,
        homeImpNodeId: entry.home,
      }));
      await store.insertUsers([
        cloudUser(spec.name, email, { entitledHybridMessage: spec.entitled ?? true }),
      ]);
      if (entries.length > 0) await store.insertDirectoryEntries(entries);
      if (spec.duplicateJid)
        await store.insertJidAccounts([
          { orgId: ORG, jid: `${spec.name}@${IM_DOMAIN}`, createdAt: START - 1000 },
        ]);
      return spec.name;
    },
    async settle(ms = 5_000) {
      clock.advance(ms);
      for (let i = 0; i < 100; i++) if (!(await engine.runDueWork()).more) return;
      throw new Error('the due work did not settle');
    },
  };
}

/** A user's history, oldest first. */
export async function historyOf(store: Store, userId: string) {
  const page = await store.listHistory(ORG, userId, { page: 1, pageSize: 1000 });
  return page.items.reverse();
}

/**
 * `inner`, except that inside each transaction the methods `overrides` returns for it replace the
 * transaction's own: for tests that act in the middle of one (another writer, a request arriving).
 */
export function wrapTransactions(inner: Store, overrides: (tx: Store) => Partial<Store>): Store {
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (key !== 'transaction') return Reflect.get(target, key, receiver) as unknown;
      return (orgId: string, work: Parameters<Store['transaction']>[1]) =>
        inner.transaction(orgId, (tx) => {
          const own = overrides(tx) as Record<PropertyKey, unknown>;
          return work(
            new Proxy(tx, {
              get: (t, k, r) => (k in own ? own[k] : (Reflect.get(t, k, r) as unknown)),
            }),
          );
        });
    },
  });
}
