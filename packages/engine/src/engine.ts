import type {
  ClusterDetail,
  ClusterListResponse,
  Organization,
  UserDetail,
  UserListQuery,
  UserListResponse,
} from '@hybrid-hub/contract';
import type { Clock } from './clock.ts';
import { NotFoundError } from './errors.ts';
import { getCluster, listClusters } from './queries/cluster-queries.ts';
import { getUser, listUsers } from './queries/user-queries.ts';
import type { Store } from './store.ts';

/**
 * The connector engine's public interface: what the BFF routes and the msw handlers call.
 * Queries answer in the API contract's types; ids of another organization are not found
 * (NotFoundError), inputs the domain rejects throw ValidationError.
 */
export interface Engine {
  getOrganization(orgId: string): Promise<Organization>;
  listUsers(orgId: string, query: UserListQuery): Promise<UserListResponse>;
  getUser(orgId: string, userId: string): Promise<UserDetail>;
  listClusters(orgId: string): Promise<ClusterListResponse>;
  getCluster(orgId: string, clusterId: string): Promise<ClusterDetail>;
}

export interface EngineOptions {
  store: Store;
  clock: Clock;
}

export function createEngine({ store, clock }: EngineOptions): Engine {
  return {
    async getOrganization(orgId) {
      const org = await store.getOrganization(orgId);
      if (!org) throw new NotFoundError('organization', orgId);
      return { id: org.id, name: org.name };
    },
    listUsers: (orgId, query) => listUsers(store, orgId, query),
    getUser: (orgId, userId) => getUser(store, clock, orgId, userId),
    listClusters: (orgId) => listClusters(store, orgId),
    getCluster: (orgId, clusterId) => getCluster(store, clock, orgId, clusterId),
  };
}
