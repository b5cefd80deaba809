import type Database from 'better-sqlite3';

/**
 * A set of statements prepared once per connection (the writer, the read connection) and found
 * again by the connection an operation runs on.
 */
export function preparedPerConnection<S>(
  prepare: (db: Database.Database) => S,
): (db: Database.Database) => S {
  const prepared = new WeakMap<Database.Database, S>();
  return (db) => {
    let statements = prepared.get(db);
    if (!statements) {
      statements = prepare(db);
      prepared.set(db, statements);
    }
    return statements;
  };
}
