import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The benchmarks drive one session as hard as the machine allows, far past the API's rate limits
 * (which are for people and scripts, not load generators): they lift them.
 */
export const UNLIMITED = {
  HUB_RATE_LIMIT: '10000000',
  HUB_RATE_LIMIT_CHANGES: '10000000',
};

const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts `src/server.ts` in a child process on `dataDir` (seeding it when it is empty) and waits
 * until it answers: its memory and CPU are its own, and its due-work loop runs as in production.
 * `env` adds settings (HUB_DEMO_USERS, HUB_MAINTENANCE_RATE, …).
 */
export async function startBffProcess({
  port,
  dataDir,
  env = {},
}: {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: bffDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      HUB_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...UNLIMITED,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the BFF exited with ${code}`))),
  );
  for (;;) {
    const ready = fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (await Promise.race([ready, exited])) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Stops the child and waits until it has exited (its store closed). */
export async function stopBffProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The process's resident memory (bytes), from /proc. */
export function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) * 1024;
}
