import type {
  ConnectorNode,
  DirectoryEntry,
  ExpresswayCluster,
  ImpCluster,
  ImpNode,
  Organization,
  PresenceRedundancyGroup,
} from '../../model/deployment.ts';
import type { HistoryEntry, JidAccount } from '../../model/user.ts';
import { UserTable } from './memory-user-table.ts';

/** What the job, event and directory tables need from the store that holds them. */
export interface MemoryHost {
  /** Records how to undo a write, when a transaction is open. */
  onUndo(step: () => void): void;
  tables(orgId: string): OrgTables | undefined;
  /** The organization's tables to write to; throws when there is no such organization. */
  writable(orgId: string): OrgTables;
}

/** Rows are copied in and out: callers never share an object with the store. */
export const copy = <T extends object>(row: T): T => ({ ...row });

/** One organization's tables in memory, with the directory's lookup indexes and counts. */
export class OrgTables {
  readonly clusters = new Map<string, ExpresswayCluster>();
  readonly nodes = new Map<string, ConnectorNode>();
  readonly impClusters = new Map<string, ImpCluster>();
  readonly impNodes = new Map<string, ImpNode>();
  readonly groups = new Map<string, PresenceRedundancyGroup>();
  readonly directory = new Map<string, DirectoryEntry>();
  readonly directoryByMailid = new Map<string, DirectoryEntry[]>();
  readonly directoryByUserid = new Map<string, DirectoryEntry[]>();
  readonly directoryCounts = new Map<string, number>();
  readonly jidAccounts = new Map<string, JidAccount>();
  readonly users = new UserTable();
  /** Per user, in insertion order (read backwards: newest first). */
  readonly history = new Map<string, HistoryEntry[]>();
  constructor(readonly org: Organization) {}

  /** Adds (+1) or removes (−1) a directory entry with its mailid and userid indexes and counts. */
  indexEntry(entry: DirectoryEntry, change: 1 | -1): void {
    const index = (map: Map<string, DirectoryEntry[]>, key: string) => {
      const list = map.get(key) ?? [];
      const at = change > 0 ? list.length : list.findIndex((e) => e.id === entry.id);
      if (change > 0) list.push(entry);
      else list.splice(at, 1);
      if (list.length > 0) map.set(key, list);
      else map.delete(key);
    };
    if (change > 0) this.directory.set(entry.id, entry);
    else this.directory.delete(entry.id);
    index(this.directoryByMailid, entry.mailid.toLowerCase());
    index(this.directoryByUserid, entry.userid);
    this.directoryCounts.set(
      entry.impClusterId,
      (this.directoryCounts.get(entry.impClusterId) ?? 0) + change,
    );
  }
}

/** Like a primary key: an id already stored, or twice in one batch, fails the whole batch. */
export function assertNew<T extends { orgId: string; id: string }>(
  rows: readonly T[],
  table: (row: T) => { has(id: string): boolean },
): void {
  const seen = new Map<string, Set<string>>();
  for (const row of rows) {
    let ids = seen.get(row.orgId);
    if (!ids) seen.set(row.orgId, (ids = new Set()));
    if (ids.has(row.id) || table(row).has(row.id)) {
      throw new Error(`duplicate id ${row.id} in organization ${row.orgId}`);
    }
    ids.add(row.id);
  }
}
