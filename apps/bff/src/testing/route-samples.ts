import { routes, UserListQuery, type RouteName, type RouteSpec } from '@hybrid-hub/contract';
import type { TestBff } from './test-bff.ts';

/**
 * What it takes to call any route of the table: an id of the right kind for each path
 * parameter and a valid body, from one organization's data. Shared by the tests that walk the
 * whole route table (the authorization matrix, the fuzz test).
 */

export type OrgIds = Record<
  'user' | 'job' | 'cluster' | 'node' | 'impNode' | 'impCluster' | 'group',
  string
>;

/** Which id a path parameter takes, by the path it is in (first match wins). */
const ID_KINDS: [RegExp, keyof OrgIds][] = [
  [/\/users\/:id/, 'user'],
  [/\/jobs\/:id/, 'job'],
  [/\/clusters\/:id/, 'cluster'],
  [/\/imp-clusters\/:id/, 'impCluster'],
  [/\/imp-nodes\/:id/, 'impNode'],
  [/\/nodes\/:id/, 'node'],
  [/\/presence-groups\/:id/, 'group'],
];

/** The kind of id the route's path takes, if it takes one. */
export function idKind(spec: RouteSpec): keyof OrgIds | undefined {
  if (!spec.path.includes(':')) return undefined;
  const kind = ID_KINDS.find(([pattern]) => pattern.test(spec.path))?.[1];
  if (!kind) throw new Error(`no id kind for ${spec.path}: add it to ID_KINDS`);
  return kind;
}

/**
 * A valid body for every route that takes one, from the ids of the organization it is sent to
 * (the matrix checks each against the route's schema).
 */
export const SAMPLE_BODIES: Partial<Record<RouteName, (org: OrgIds) => unknown>> = {
  signIn: () => ({ email: 'nobody@acme.example', password: 'not-the-password' }),
  startBulkJob: (org) => ({ action: 'deactivate', selection: { kind: 'ids', ids: [org.user] } }),
  setMessageService: () => ({ enabled: true }),
  setMaintenance: () => ({ action: 'exit' }),
  updateLabUser: () => ({ duplicateJidAccount: false }),
  updateLabNode: () => ({ reachable: true }),
  updateLabImpNode: () => ({ axlServiceRunning: true }),
  addLabImpNode: () => ({ address: 'imp-matrix.example' }),
  updateLabPresenceGroup: () => ({ highAvailability: true }),
  advanceLabClock: () => ({ minutes: 1 }),
};

/** One id of each kind in the organization (a job is started for it, on its first user). */
export async function idsOf(bff: TestBff, orgId: string): Promise<OrgIds> {
  const by = { orgId, actor: 'route-samples@test' };
  const [user] = (await bff.engine.listUsers(orgId, UserListQuery.parse({ pageSize: 1 }))).items;
  const job = await bff.engine.startBulkJob(by, {
    action: 'activate',
    selection: { kind: 'ids', ids: [user!.id] },
  });
  const lab = await bff.engine.getLabDeployment(orgId);
  const impCluster = lab.impClusters.find((c) => c.presenceRedundancyGroups.length > 0)!;
  const impNode = impCluster.nodes.find((n) => !n.isPublisher) ?? impCluster.nodes[0]!;
  return {
    user: user!.id,
    job: job.id,
    cluster: lab.clusters[0]!.id,
    node: lab.clusters[0]!.nodes[0]!.id,
    impNode: impNode.id,
    impCluster: impCluster.id,
    group: impCluster.presenceRedundancyGroups[0]!.id,
  };
}

/** Every route of the table with its name. */
export const routeTable = Object.entries(routes) as [RouteName, RouteSpec][];
