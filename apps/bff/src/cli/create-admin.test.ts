import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Organization, Session } from '@hybrid-hub/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { readConfig } from '../config.ts';
import { startBff } from '../start.ts';
import { signIn } from '../testing/sign-in.ts';
import { createAdmin } from './create-admin.ts';

const PASSWORD = 'correct horse battery staple';
const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

function dataDir(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-admin-'));
  directories.push(directory);
  return directory;
}

async function run(argv: string[], directory: string, password = PASSWORD) {
  const lines: string[] = [];
  const code = await createAdmin(argv, {
    env: { HUB_DATA_DIR: directory, HUB_DEMO: 'false' },
    readPassword: async () => password,
    out: (line) => lines.push(line),
  });
  return { code, output: lines.join('\n') };
}

describe('create-admin', () => {
  it("creates a real deployment's organization and its first administrator", async () => {
    const directory = dataDir();
    const created = await run(
      ['--org', 'initech', '--org-name', 'Initech', '--email', 'Bill@Initech.example'],
      directory,
    );
    expect(created).toMatchObject({ code: 0 });
    expect(created.output).toContain('Created bill@initech.example, Full administrator of initech');
    expect(created.output).toContain('Created the organization Initech (initech).');
  });

  it('gives a deployment without the demo only the accounts it creates, who can sign in', async () => {
    const directory = dataDir();
    await run(
      ['--org', 'initech', '--org-name', 'Initech', '--email', 'bill@initech.example'],
      directory,
    );
    await run(
      ['--org', 'initech', '--email', 'peter@initech.example', '--role', 'support-admin'],
      directory,
    );
    const bff = await startBff(
      readConfig({ PORT: '0', HUB_DATA_DIR: directory, HUB_DEMO: 'false' }),
      { logger: pino({ level: 'silent' }) },
    );
    try {
      expect(bff.seededDemoAdmins).toBe(false);
      expect((await bff.store.listOrganizations()).map((o) => o.id)).toEqual(['initech']);
      await expect(signIn(bff.url, 'admin@acme.example', 'hybrid-demo')).rejects.toThrow(/401/);
      const bill = await signIn(bff.url, 'bill@initech.example', PASSWORD);
      expect(bill.session.admin.role).toBe('full-admin');
      const organization = await fetch(`${bff.url}/api/v1/organization`, { headers: bill.headers });
      expect(Organization.parse(await organization.json())).toEqual({
        id: 'initech',
        name: 'Initech',
      });
      const peter = await signIn(bff.url, 'peter@initech.example', PASSWORD);
      expect(Session.parse(peter.session).admin.role).toBe('support-admin');
    } finally {
      await bff.close();
    }
  });

  it('never takes the password from the command line', async () => {
    const directory = dataDir();
    const result = await run(
      ['--org', 'acme', '--org-name', 'Acme', '--email', 'a@acme.example', '--password', PASSWORD],
      directory,
    );
    expect(result.code).toBe(2);
    expect(result.output).toMatch(/Unknown option '--password'/);
  });

  it('refuses a short password, an unknown organization, a second account with one email', async () => {
    const directory = dataDir();
    expect(
      await run(['--org', 'x', '--org-name', 'X', '--email', 'a@x.example'], directory, 'short'),
    ).toMatchObject({
      code: 1,
      output: expect.stringMatching(/at least 12 characters/),
    });
    expect(await run(['--org', 'nowhere', '--email', 'a@x.example'], directory)).toMatchObject({
      code: 1,
      output: expect.stringMatching(/no organization nowhere: add --org-name/),
    });
    expect(
      (await run(['--org', 'x', '--org-name', 'X', '--email', 'a@x.example'], directory)).code,
    ).toBe(0);
    expect(await run(['--org', 'x', '--email', 'A@x.example'], directory)).toMatchObject({
      code: 1,
      output: expect.stringMatching(/exists already/),
    });
  });

  it('runs as a command of its own, reading the password from standard input', async () => {
    const directory = dataDir();
    const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const child = promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/create-admin-command.ts',
        '--org',
        'initech',
        '--org-name',
        'Initech',
        '--email',
        'bill@initech.example',
      ],
      { cwd: bffDir, env: { ...process.env, HUB_DATA_DIR: directory, HUB_DEMO: 'false' } },
    );
    child.child.stdin!.end(`${PASSWORD}\n`);
    const { stdout } = await child.catch(
      (error: { code: number; stdout: string; stderr: string }) => {
        throw new Error(`exit ${error.code}: ${error.stdout}\n${error.stderr}`);
      },
    );
    expect(stdout).toContain('Created bill@initech.example, Full administrator of initech');
  }, 30_000);
});
