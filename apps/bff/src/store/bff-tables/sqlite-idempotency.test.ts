import { openSqliteStore } from '../engine-store/sqlite-store.ts';
import { describeIdempotencyKeys } from './idempotency-keys-suite.ts';
import { sqliteIdempotencyKeys } from './sqlite-idempotency.ts';

describeIdempotencyKeys('SQLite', async () => {
  const store = openSqliteStore(':memory:');
  await store.useConnection((db) =>
    db.exec("INSERT INTO organizations (id, name) VALUES ('acme', 'Acme'), ('globex', 'Globex')"),
  );
  return { store: sqliteIdempotencyKeys(store), close: () => store.close() };
});
