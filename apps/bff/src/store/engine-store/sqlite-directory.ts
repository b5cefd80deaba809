import type { DirectoryEntry, DirectoryPort, JidAccount, SyncPort } from '@hybrid-hub/engine';
import { DIRECTORY_SELECT, directoryParams, jidParams } from './deployment-rows.ts';
import { jsonList, type SqlStatements } from './sql-statements.ts';

const JID_SELECT = 'SELECT org_id AS orgId, jid, created_at AS createdAt FROM jid_accounts';

/**
 * The on-premises directory and the JID accounts. A mailid is matched through `mailid_key`,
 * lower-cased in JavaScript on both sides (SQLite's lower() folds ASCII only), so every lookup
 * is a seek in (org_id, mailid_key) or (org_id, userid).
 */
export class SqliteDirectory implements SyncPort<DirectoryPort> {
  readonly #sql: SqlStatements;

  constructor(statements: SqlStatements) {
    this.#sql = statements;
  }

  findDirectoryEntriesByMailid(orgId: string, mailid: string): DirectoryEntry[] {
    return this.#sql.all(
      `${DIRECTORY_SELECT} WHERE org_id = ? AND mailid_key = ? ORDER BY pk`,
      orgId,
      mailid.toLowerCase(),
    );
  }

  findDirectoryEntriesByUserid(orgId: string, userid: string): DirectoryEntry[] {
    return this.#sql.all(
      `${DIRECTORY_SELECT} WHERE org_id = ? AND userid = ? ORDER BY pk`,
      orgId,
      userid,
    );
  }

  countDirectoryEntries(orgId: string, impClusterIds: readonly string[]): number {
    return this.#sql
      .sql(
        `SELECT coalesce(sum(n), 0) FROM directory_counts
         WHERE org_id = ? AND imp_cluster_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .get(orgId, jsonList(impClusterIds)) as number;
  }

  findJidAccount(orgId: string, jid: string): JidAccount | undefined {
    return this.#sql.get(`${JID_SELECT} WHERE org_id = ? AND jid = ?`, orgId, jid);
  }

  findDirectoryEntries(
    orgId: string,
    keys: { mailids: readonly string[]; userids: readonly string[] },
  ): DirectoryEntry[] {
    // The OR becomes two index seeks whose rows are merged once each (a MULTI-INDEX OR plan).
    return this.#sql.all(
      `${DIRECTORY_SELECT} WHERE org_id = @org
         AND (mailid_key IN (SELECT value FROM json_each(@mailids))
           OR userid IN (SELECT value FROM json_each(@userids)))
       ORDER BY pk`,
      {
        org: orgId,
        mailids: jsonList(keys.mailids.map((mailid) => mailid.toLowerCase())),
        userids: jsonList(keys.userids),
      },
    );
  }

  findJidAccounts(orgId: string, jids: readonly string[]): JidAccount[] {
    return this.#sql.all(
      `${JID_SELECT} WHERE org_id = ? AND jid IN (SELECT value FROM json_each(?)) ORDER BY jid`,
      orgId,
      jsonList(jids),
    );
  }

  insertDirectoryEntries(entries: readonly DirectoryEntry[]): void {
    this.#sql.atomically(() =>
      this.#sql.insertAll('directory_entries', entries.map(directoryParams)),
    );
  }

  insertJidAccounts(accounts: readonly JidAccount[]): void {
    this.#sql.atomically(() => this.#sql.insertAll('jid_accounts', accounts.map(jidParams)));
  }

  /** Rewrites the entry with this id in its organization; the cluster counts follow by trigger. */
  updateDirectoryEntry(entry: DirectoryEntry): void {
    this.#sql
      .sql(
        `UPDATE directory_entries SET imp_cluster_id = @imp_cluster_id, userid = @userid,
           jid = @jid, mailid = @mailid, mailid_key = @mailid_key, home_imp_node_id = @home_imp_node_id
         WHERE org_id = @org_id AND id = @id`,
      )
      .run(directoryParams(entry));
  }

  deleteDirectoryEntry(orgId: string, entryId: string): void {
    this.#sql.sql('DELETE FROM directory_entries WHERE org_id = ? AND id = ?').run(orgId, entryId);
  }

  deleteJidAccount(orgId: string, jid: string): void {
    this.#sql.sql('DELETE FROM jid_accounts WHERE org_id = ? AND jid = ?').run(orgId, jid);
  }
}
