import { MemoryCounters } from '../../middleware/rate-limit.ts';
import { openSqliteStore } from '../engine-store/sqlite-store.ts';
import { describeAuthStore, describeWindowCounters } from './auth-store-suite.ts';
import { sqliteAuthStore } from './sqlite-auth.ts';

async function openSqliteAuth() {
  const store = openSqliteStore(':memory:');
  await store.useConnection((db) =>
    db.exec("INSERT INTO organizations (id, name) VALUES ('acme', 'Acme')"),
  );
  return { store: sqliteAuthStore(store), close: () => store.close() };
}

describeWindowCounters('SQLite (the sign-in throttle)', openSqliteAuth);
describeWindowCounters('memory (the API rate limits on SQLite)', () =>
  Promise.resolve({ store: new MemoryCounters(), close: () => Promise.resolve() }),
);
describeAuthStore('SQLite', openSqliteAuth);
