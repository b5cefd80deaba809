import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openSqliteStore, type SqliteStore } from './engine-store/sqlite-store.ts';

/**
 * Opens (creating it on first start) the database in HUB_DATA_DIR. It holds password and
 * session hashes and the AXL accounts' passwords, so a directory this creates is the service
 * user's only (0700), as is the database file (sqlite-store.ts). A directory the operator made
 * keeps its mode, but one that others may read is reported through `warn`.
 */
export function openDataDirectory(dataDir: string, warn: (message: string) => void): SqliteStore {
  const created = mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const mode = statSync(dataDir).mode & 0o777;
  if (created === undefined && (mode & 0o077) !== 0) {
    warn(
      `The data directory ${dataDir} is open to other users (mode ${mode.toString(8)}): ` +
        `it holds password hashes and secrets, so make it the service user's only (chmod 700).`,
    );
  }
  return openSqliteStore(path.join(dataDir, 'hybrid-hub.db'));
}
