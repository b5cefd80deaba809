import type { DirectoryEntry, DirectoryPort, JidAccount } from '@hybrid-hub/engine';
import type { PgQueryable } from '../pg-queryable.ts';
import { DIRECTORY_SELECT, directoryRow, JID_SELECT, jidRow } from './pg-deployment-rows.ts';
import { insertRows, selectRows, updateRows } from './pg-rows.ts';

/**
 * The on-premises directory and the JID accounts. A mailid is matched through `mailid_key`,
 * lower-cased in JavaScript on both sides, so every lookup is a seek in (org_id, mailid_key)
 * or (org_id, userid).
 */
export class PgDirectory implements DirectoryPort {
  readonly #sql: PgQueryable;

  constructor(sql: PgQueryable) {
    this.#sql = sql;
  }

  findDirectoryEntriesByMailid(orgId: string, mailid: string): Promise<DirectoryEntry[]> {
    return selectRows(
      this.#sql,
      `${DIRECTORY_SELECT} WHERE org_id = $1 AND mailid_key = $2 ORDER BY pk`,
      [orgId, mailid.toLowerCase()],
    );
  }

  findDirectoryEntriesByUserid(orgId: string, userid: string): Promise<DirectoryEntry[]> {
    return selectRows(
      this.#sql,
      `${DIRECTORY_SELECT} WHERE org_id = $1 AND userid = $2 ORDER BY pk`,
      [orgId, userid],
    );
  }

  async countDirectoryEntries(orgId: string, impClusterIds: readonly string[]): Promise<number> {
    const [row] = await selectRows<{ n: number }>(
      this.#sql,
      `SELECT coalesce(sum(n), 0)::bigint AS n FROM directory_counts
       WHERE org_id = $1 AND imp_cluster_id = ANY ($2::text[])`,
      [orgId, impClusterIds],
    );
    return row!.n;
  }

  async findJidAccount(orgId: string, jid: string): Promise<JidAccount | undefined> {
    const [account] = await selectRows<JidAccount>(
      this.#sql,
      `${JID_SELECT} WHERE org_id = $1 AND jid = $2`,
      [orgId, jid],
    );
    return account;
  }

  findDirectoryEntries(
    orgId: string,
    keys: { mailids: readonly string[]; userids: readonly string[] },
  ): Promise<DirectoryEntry[]> {
    // The OR becomes a BitmapOr of the two indexes: each entry once.
    return selectRows(
      this.#sql,
      `${DIRECTORY_SELECT} WHERE org_id = $1
         AND (mailid_key = ANY ($2::text[]) OR userid = ANY ($3::text[]))
       ORDER BY pk`,
      [orgId, keys.mailids.map((mailid) => mailid.toLowerCase()), keys.userids],
    );
  }

  findJidAccounts(orgId: string, jids: readonly string[]): Promise<JidAccount[]> {
    return selectRows(
      this.#sql,
      `${JID_SELECT} WHERE org_id = $1 AND jid = ANY ($2::text[]) ORDER BY jid`,
      [orgId, jids],
    );
  }

  async insertDirectoryEntries(entries: readonly DirectoryEntry[]): Promise<void> {
    await insertRows(this.#sql, 'directory_entries', entries.map(directoryRow));
  }

  async insertJidAccounts(accounts: readonly JidAccount[]): Promise<void> {
    await insertRows(this.#sql, 'jid_accounts', accounts.map(jidRow));
  }

  /** Rewrites the entry with this id in its organization; the cluster counts follow by trigger. */
  async updateDirectoryEntry(entry: DirectoryEntry): Promise<void> {
    await updateRows(this.#sql, 'directory_entries', [directoryRow(entry)]);
  }

  async deleteDirectoryEntry(orgId: string, entryId: string): Promise<void> {
    await this.#sql.query('DELETE FROM directory_entries WHERE org_id = $1 AND id = $2', [
      orgId,
      entryId,
    ]);
  }

  async deleteJidAccount(orgId: string, jid: string): Promise<void> {
    await this.#sql.query('DELETE FROM jid_accounts WHERE org_id = $1 AND jid = $2', [orgId, jid]);
  }
}
