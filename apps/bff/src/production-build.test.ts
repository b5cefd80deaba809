import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { UserListResponse } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startBffProcess, stopBffProcess } from './testing/bff-process.ts';
import { signIn } from './testing/sign-in.ts';

const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
/**
 * Node 22.6+ would run a TypeScript file the build left behind (type stripping); Node 20 cannot.
 * Without stripping, every Node refuses one, as production must never need one.
 */
const plainNode = 'typescript' in process.features ? ['--no-experimental-strip-types'] : [];

// A build of this test's own, beside dist/ (as deep as it, see build.js), so that a BFF someone
// runs from dist/ meanwhile is left alone.
const outdir = mkdtempSync(path.join(bffDir, 'dist-test-'));
const dataDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-production-'));
let child: ChildProcess | undefined;
beforeAll(
  () => run(process.execPath, ['build.js', path.basename(outdir)], { cwd: bffDir }),
  60_000,
);
afterAll(async () => {
  await stopBffProcess(child);
  rmSync(outdir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the production build', () => {
  it('is what the start and create-admin scripts run, with node and without tsx', () => {
    const manifest = JSON.parse(readFileSync(path.join(bffDir, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(manifest.scripts.start).toMatch(/^node (--\S+ )*dist\/server\.js$/);
    expect(manifest.scripts['create-admin']).toMatch(/^node (--\S+ )*dist\/create-admin\.js$/);
    // A production install (npm ci --omit=dev) needs no TypeScript runner.
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
  });

  it("creates a deployment's administrator, then starts and serves the API, from plain JavaScript", async () => {
    const env = { ...process.env, NODE_ENV: 'production', HUB_DATA_DIR: dataDir };
    const creating = run(
      process.execPath,
      [
        ...plainNode,
        path.join(outdir, 'create-admin.js'),
        '--org',
        'initech',
        '--org-name',
        'Initech',
        '--email',
        'bill@initech.example',
      ],
      { env },
    );
    creating.child.stdin!.end('correct horse battery staple\n');
    expect((await creating).stdout).toContain('Created bill@initech.example');

    const port = await freePort();
    child = await startBffProcess({
      port,
      dataDir,
      env: { NODE_ENV: 'production' },
      nodeArgs: plainNode,
      script: path.join(outdir, 'server.js'),
    });
    const url = `http://127.0.0.1:${port}`;
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    const { session, headers } = await signIn(
      url,
      'bill@initech.example',
      'correct horse battery staple',
    );
    expect(session.organization.name).toBe('Initech');
    const users = await fetch(`${url}/api/v1/users`, { headers });
    expect(users.status).toBe(200);
    expect(UserListResponse.parse(await users.json()).total).toBe(0);
  });
});
