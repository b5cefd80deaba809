import {
  parseUserSort,
  type UserDetail,
  type UserListQuery,
  type UserListResponse,
  type UserSummary,
} from '@hybrid-hub/contract';
import type { Clock } from '../clock.ts';
import { NotFoundError } from '../errors.ts';
import type { UserView } from '../model/user.ts';
import { isActive } from '../rules/activity.ts';
import { ACTIVATION_ERRORS } from '../rules/error-catalog.ts';
import type { Store } from '../store/store.ts';

const iso = (at: number) => new Date(at).toISOString();

export function toUserSummary(user: UserView): UserSummary {
  const assigned =
    user.clusterId !== null &&
    user.nodeId !== null &&
    user.clusterName !== null &&
    user.nodeHostname !== null;
  return {
    id: user.id,
    displayName: user.displayName,
    email: user.email,
    messageServiceEnabled: user.messageServiceEnabled,
    status: user.status,
    errorCode: user.errorCode,
    assignment: assigned
      ? {
          clusterId: user.clusterId!,
          clusterName: user.clusterName!,
          nodeId: user.nodeId!,
          nodeHostname: user.nodeHostname!,
        }
      : null,
    lastActivityAt: user.lastActivityAt === null ? null : iso(user.lastActivityAt),
  };
}

/** `GET /users`: the contract's parsed query, answered by the store's indexed list. */
export async function listUsers(
  store: Store,
  orgId: string,
  query: UserListQuery,
): Promise<UserListResponse> {
  const page = await store.listUsers(orgId, {
    ...(query.q ? { q: query.q } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
    sort: parseUserSort(query.sort),
    page: query.page,
    pageSize: query.pageSize,
  });
  return {
    items: page.items.map(toUserSummary),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
  };
}

/** `GET /users/{id}`: the user with the error explained and the home IM&P node named. */
export async function getUser(
  store: Store,
  clock: Clock,
  orgId: string,
  userId: string,
): Promise<UserDetail> {
  const user = await store.getUser(orgId, userId);
  if (!user) throw new NotFoundError('user', userId);
  let homeImpNode: UserDetail['homeImpNode'] = null;
  if (user.homeImpNodeId !== null) {
    const [impNodes, impClusters] = await Promise.all([
      store.listImpNodes(orgId),
      store.listImpClusters(orgId),
    ]);
    const node = impNodes.find((n) => n.id === user.homeImpNodeId);
    const cluster = node && impClusters.find((c) => c.id === node.impClusterId);
    if (node && cluster) {
      homeImpNode = {
        impNodeId: node.id,
        address: node.address,
        impClusterId: cluster.id,
        impClusterName: cluster.name,
      };
    }
  }
  const info = user.errorCode === null ? null : ACTIVATION_ERRORS[user.errorCode];
  return {
    ...toUserSummary(user),
    entitlements: {
      hybridMessage: user.entitledHybridMessage,
      messageFree: user.entitledMessageFree,
    },
    error:
      user.errorCode === null || !info
        ? null
        : {
            code: user.errorCode,
            // The stored message can say more (e.g. when the retry is due).
            message: user.errorMessage ?? info.message,
            remedy: info.remedy,
            retriedAutomatically: info.retriedAutomatically,
          },
    homeImpNode,
    activeWithin72Hours: isActive(user.lastActivityAt, clock.now()),
    updatedAt: iso(user.updatedAt),
    version: user.version,
  };
}
