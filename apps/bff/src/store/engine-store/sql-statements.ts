import type Database from 'better-sqlite3';
import { insertSql } from './deployment-rows.ts';

/** Id lists travel as one JSON parameter (`IN (SELECT value FROM json_each(?))`): one statement for any length. */
export const jsonList = (list: readonly string[]) => JSON.stringify(list);

/** The connection's statements, prepared once and shared by every part of the store. */
export class SqlStatements {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Prepared once, then reused: preparing costs more than running most of these. */
  sql(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.sql(sql).all(...params) as T[];
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.sql(sql).get(...params) as T | undefined;
  }

  /**
   * Makes a bulk write all-or-nothing. Inside an open transaction it runs as is: a SAVEPOINT per
   * call would make the demo seed's bulk inserts three times slower (measured), and a failed write
   * inside a transaction makes the whole transaction roll back anyway.
   */
  atomically<T>(write: () => T): T {
    return this.#db.inTransaction ? write() : this.#db.transaction(write)();
  }

  insertAll(table: string, rows: readonly Record<string, unknown>[]): void {
    const first = rows[0];
    if (!first) return;
    const insert = this.sql(insertSql(table, Object.keys(first)));
    for (const row of rows) insert.run(row);
  }
}
