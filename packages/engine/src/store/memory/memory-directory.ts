import type { DirectoryEntry } from '../../model/deployment.ts';
import type { JidAccount } from '../../model/user.ts';
import type { SyncPort } from '../embedded.ts';
import type { DirectoryPort } from '../directory-port.ts';
import { assertNew, copy, type MemoryHost } from './memory-tables.ts';

/**
 * The on-premises directory and the JID accounts in memory, over each organization's tables
 * (which keep the mailid and userid indexes). Unknown ids are not found; writes to them do nothing.
 */
export class MemoryDirectory implements SyncPort<DirectoryPort> {
  constructor(private readonly host: MemoryHost) {}

  findDirectoryEntriesByMailid(orgId: string, mailid: string): DirectoryEntry[] {
    return (this.host.tables(orgId)?.directoryByMailid.get(mailid.toLowerCase()) ?? []).map(copy);
  }
  findDirectoryEntriesByUserid(orgId: string, userid: string): DirectoryEntry[] {
    return (this.host.tables(orgId)?.directoryByUserid.get(userid) ?? []).map(copy);
  }
  countDirectoryEntries(orgId: string, impClusterIds: readonly string[]): number {
    const counts = this.host.tables(orgId)?.directoryCounts;
    return [...new Set(impClusterIds)].reduce((sum, id) => sum + (counts?.get(id) ?? 0), 0);
  }
  findJidAccount(orgId: string, jid: string): JidAccount | undefined {
    const account = this.host.tables(orgId)?.jidAccounts.get(jid);
    return account && copy(account);
  }
  findDirectoryEntries(
    orgId: string,
    keys: { mailids: readonly string[]; userids: readonly string[] },
  ): DirectoryEntry[] {
    const tables = this.host.tables(orgId);
    const found = new Map<string, DirectoryEntry>();
    for (const mailid of keys.mailids) {
      for (const entry of tables?.directoryByMailid.get(mailid.toLowerCase()) ?? [])
        found.set(entry.id, entry);
    }
    for (const userid of keys.userids) {
      for (const entry of tables?.directoryByUserid.get(userid) ?? []) found.set(entry.id, entry);
    }
    return [...found.values()].map(copy);
  }
  findJidAccounts(orgId: string, jids: readonly string[]): JidAccount[] {
    const accounts = this.host.tables(orgId)?.jidAccounts;
    return [...new Set(jids)].flatMap((jid) => {
      const account = accounts?.get(jid);
      return account ? [copy(account)] : [];
    });
  }

  // --- writes ---

  insertDirectoryEntries(entries: readonly DirectoryEntry[]): void {
    assertNew(entries, (entry) => this.host.writable(entry.orgId).directory);
    for (const entry of entries) this.host.writable(entry.orgId).indexEntry(copy(entry), +1);
    this.host.onUndo(() => {
      for (const entry of entries) this.host.writable(entry.orgId).indexEntry(entry, -1);
    });
  }
  insertJidAccounts(accounts: readonly JidAccount[]): void {
    const keyed = accounts.map((a) => ({ ...a, id: a.jid }));
    assertNew(keyed, (account) => this.host.writable(account.orgId).jidAccounts);
    for (const account of accounts)
      this.host.writable(account.orgId).jidAccounts.set(account.jid, copy(account));
    this.host.onUndo(() =>
      accounts.forEach((a) => this.host.writable(a.orgId).jidAccounts.delete(a.jid)),
    );
  }

  // --- lab (simulation controls) ---

  /** Replaces the stored entry with this id (nothing when there is none). */
  updateDirectoryEntry(entry: DirectoryEntry): void {
    const tables = this.host.tables(entry.orgId);
    const stored = tables?.directory.get(entry.id);
    if (!tables || !stored) return;
    const updated = copy(entry);
    tables.indexEntry(stored, -1);
    tables.indexEntry(updated, +1);
    this.host.onUndo(() => {
      tables.indexEntry(updated, -1);
      tables.indexEntry(stored, +1);
    });
  }
  deleteDirectoryEntry(orgId: string, entryId: string): void {
    const tables = this.host.tables(orgId);
    const stored = tables?.directory.get(entryId);
    if (!tables || !stored) return;
    tables.indexEntry(stored, -1);
    this.host.onUndo(() => tables.indexEntry(stored, +1));
  }
  deleteJidAccount(orgId: string, jid: string): void {
    const accounts = this.host.tables(orgId)?.jidAccounts;
    const stored = accounts?.get(jid);
    if (!accounts || !stored) return;
    accounts.delete(jid);
    this.host.onUndo(() => accounts.set(jid, stored));
  }
}
