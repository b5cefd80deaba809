import type { DirectoryEntry } from '../model/deployment.ts';
import type { JidAccount } from '../model/user.ts';

/** The on-premises directory (entries of the IM&P clusters) and the duplicate-JID accounts. */
export interface DirectoryPort {
  /** Directory entries whose mailid equals `mailid` (case-insensitive), in any IM&P cluster. */
  findDirectoryEntriesByMailid(orgId: string, mailid: string): Promise<DirectoryEntry[]>;
  /** Directory entries whose userid equals `userid`, in any IM&P cluster. */
  findDirectoryEntriesByUserid(orgId: string, userid: string): Promise<DirectoryEntry[]>;
  /** How many directory entries are homed on these IM&P clusters. */
  countDirectoryEntries(orgId: string, impClusterIds: readonly string[]): Promise<number>;
  findJidAccount(orgId: string, jid: string): Promise<JidAccount | undefined>;
  /**
   * Batch lookup for activation: entries whose mailid equals one of `mailids` (case-insensitive)
   * or whose userid equals one of `userids`, in any IM&P cluster, each entry once.
   */
  findDirectoryEntries(
    orgId: string,
    keys: { mailids: readonly string[]; userids: readonly string[] },
  ): Promise<DirectoryEntry[]>;
  /** The JID accounts among `jids` that exist. */
  findJidAccounts(orgId: string, jids: readonly string[]): Promise<JidAccount[]>;
  insertDirectoryEntries(entries: readonly DirectoryEntry[]): Promise<void>;
  insertJidAccounts(accounts: readonly JidAccount[]): Promise<void>;
  /** The Lab's edits. */
  updateDirectoryEntry(entry: DirectoryEntry): Promise<void>;
  deleteDirectoryEntry(orgId: string, entryId: string): Promise<void>;
  deleteJidAccount(orgId: string, jid: string): Promise<void>;
}

export const DIRECTORY_METHODS = {
  findDirectoryEntriesByMailid: true,
  findDirectoryEntriesByUserid: true,
  countDirectoryEntries: true,
  findJidAccount: true,
  findDirectoryEntries: true,
  findJidAccounts: true,
  insertDirectoryEntries: true,
  insertJidAccounts: true,
  updateDirectoryEntry: true,
  deleteDirectoryEntry: true,
  deleteJidAccount: true,
} as const satisfies Record<keyof DirectoryPort, true>;
