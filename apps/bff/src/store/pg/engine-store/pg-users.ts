import type { UserStatus } from '@hybrid-hub/contract';
import type {
  CloudUser,
  HistoryEntry,
  Paged,
  PageRequest,
  UserPage,
  UserQuery,
  UsersPort,
  UserView,
  UserWrite,
} from '@hybrid-hub/engine';
import type { PgQueryable } from '../pg-queryable.ts';

function notBuilt(name: string): never {
  throw new Error(`PgUsers.${name}: not built yet`);
}

/** Users on PostgreSQL: the list, counts, due work, writes and history. */
export class PgUsers implements UsersPort {
  readonly #sql: PgQueryable;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
  }

  listUsers(_orgId: string, _query: UserQuery): Promise<UserPage> {
    return notBuilt('listUsers');
  }
  getUser(_orgId: string, _userId: string): Promise<UserView | undefined> {
    return notBuilt('getUser');
  }
  getUsers(_orgId: string, _userIds: readonly string[]): Promise<CloudUser[]> {
    return notBuilt('getUsers');
  }
  listUserIds(_orgId: string, _filter: Pick<UserQuery, 'q' | 'status'>): Promise<string[]> {
    return notBuilt('listUserIds');
  }
  countUsersByNode(_orgId: string): Promise<Map<string, number>> {
    return notBuilt('countUsersByNode');
  }
  countUsersByStatus(_orgId: string): Promise<Record<UserStatus, number>> {
    return notBuilt('countUsersByStatus');
  }
  countAssignedUsersByHomeNode(
    _orgId: string,
    _clusterId: string,
    _activeSince: number,
  ): Promise<Map<string, { enabled: number; active: number }>> {
    return notBuilt('countAssignedUsersByHomeNode');
  }
  listDueUsers(_orgId: string, _now: number, _limit: number): Promise<CloudUser[]> {
    return notBuilt('listDueUsers');
  }
  listUsersOnNode(_orgId: string, _nodeId: string, _limit: number): Promise<CloudUser[]> {
    return notBuilt('listUsersOnNode');
  }
  countUserActivity(
    _orgId: string,
    _activeSince: number,
  ): Promise<{ enabled: number; active: number }> {
    return notBuilt('countUserActivity');
  }
  insertUsers(_users: readonly CloudUser[]): Promise<void> {
    return notBuilt('insertUsers');
  }
  updateUser(_user: CloudUser, _expectedVersion: number): Promise<boolean> {
    return notBuilt('updateUser');
  }
  updateUsers(_changes: readonly UserWrite[]): Promise<boolean[]> {
    return notBuilt('updateUsers');
  }
  listHistory(_orgId: string, _userId: string, _page: PageRequest): Promise<Paged<HistoryEntry>> {
    return notBuilt('listHistory');
  }
  appendHistory(_entries: readonly HistoryEntry[]): Promise<void> {
    return notBuilt('appendHistory');
  }
}
