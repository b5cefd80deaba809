import type { UserSortField, UserStatus } from '@hybrid-hub/contract';
import type { CloudUser, HistoryEntry, UserView } from '../model/user.ts';
import type { PageRequest, Paged } from './paging.ts';

/** The organization's cloud users: the list, counts, due work, writes and history. */
export interface UsersPort {
  /**
   * A page of the organization's users, searched, filtered and sorted as user-sort.ts says:
   * names and emails by the code points of their lower-cased text (PostgreSQL: COLLATE "C"; not
   * a locale's collation), ties by id; a cursor continues where its page ended.
   */
  listUsers(orgId: string, query: UserQuery): Promise<UserPage>;
  getUser(orgId: string, userId: string): Promise<UserView | undefined>;
  /** The users among `userIds` that exist in the organization (any order). */
  getUsers(orgId: string, userIds: readonly string[]): Promise<CloudUser[]>;
  /**
   * Ids of every user matching the filter (all pages), in id order: the selection of a bulk job
   * "for all users matching this filter". Same matching rules as `listUsers`.
   */
  listUserIds(orgId: string, filter: Pick<UserQuery, 'q' | 'status'>): Promise<string[]>;
  /** Users per connector node (assigned users only), for every node of the organization. */
  countUsersByNode(orgId: string): Promise<Map<string, number>>;
  /** Users per status, for the whole organization. */
  countUsersByStatus(orgId: string): Promise<Record<UserStatus, number>>;
  /**
   * Assigned users of one Expressway cluster grouped by home IM&P node, split by activity:
   * `active` = last activity at or after `activeSince`.
   */
  countAssignedUsersByHomeNode(
    orgId: string,
    clusterId: string,
    activeSince: number,
  ): Promise<Map<string, { enabled: number; active: number }>>;
  /**
   * Up to `limit` users of the organization whose `dueAt` is at or before `now` (the
   * organization's own time: see getClockOffsets), oldest first (then by id).
   */
  listDueUsers(orgId: string, now: number, limit: number): Promise<CloudUser[]>;
  /**
   * Up to `limit` users assigned to this connector node, in id order: the next ones a node
   * entering maintenance mode moves (indexed, so a batch costs its own size, not the node's).
   */
  listUsersOnNode(orgId: string, nodeId: string, limit: number): Promise<CloudUser[]>;
  /**
   * The organization's users with the Message Service switched on (any status), and of them the
   * active ones (last activity at or after `activeSince`): the Overview's activity totals.
   */
  countUserActivity(
    orgId: string,
    activeSince: number,
  ): Promise<{ enabled: number; active: number }>;
  insertUsers(users: readonly CloudUser[]): Promise<void>;
  /**
   * Writes a changed user if its stored `version` still equals `expectedVersion`, storing
   * `user.version` (the caller bumps it). Returns false when someone else changed it first.
   */
  updateUser(user: CloudUser, expectedVersion: number): Promise<boolean>;
  /**
   * `updateUser` for many users, in order: each `after` is written only if the stored version
   * still equals `before.version` (`before` is the user as the caller read it, `after` carries
   * the bumped version and the same organization and id). A store may write only the fields that
   * differ between the two. Returns, per change, whether it was written. A user may appear more
   * than once: each change then expects the version the one before it wrote.
   */
  updateUsers(changes: readonly UserWrite[]): Promise<boolean[]>;
  /** A user's history, newest first. */
  listHistory(orgId: string, userId: string, page: PageRequest): Promise<Paged<HistoryEntry>>;
  appendHistory(entries: readonly HistoryEntry[]): Promise<void>;
}

export const USERS_METHODS = {
  listUsers: true,
  getUser: true,
  getUsers: true,
  listUserIds: true,
  countUsersByNode: true,
  countUsersByStatus: true,
  countAssignedUsersByHomeNode: true,
  listDueUsers: true,
  listUsersOnNode: true,
  countUserActivity: true,
  insertUsers: true,
  updateUser: true,
  updateUsers: true,
  listHistory: true,
  appendHistory: true,
} as const satisfies Record<keyof UsersPort, true>;

/** One user's change as `updateUsers` writes it. */
export interface UserWrite {
  before: CloudUser;
  after: CloudUser;
}

export interface UserQuery extends PageRequest {
  /** The users search: any part of name or email (see parseUserSearch, search-terms.ts). */
  q?: string;
  status?: UserStatus;
  sort: { field: UserSortField; direction: 'asc' | 'desc' };
  /** Keyset cursor from a previous page; when set, `page` is not used to find rows. */
  cursor?: string;
}

export interface UserPage extends Paged<UserView> {
  nextCursor: string | null;
  prevCursor: string | null;
}
