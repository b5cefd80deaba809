import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Starts `src/server.ts` in a child process on `dataDir` (seeding it when it is empty) and waits
 * until it answers: its memory and CPU are its own, its due-work loop runs as in production, and
 * it can be killed like one. `env` adds settings (HUB_DEMO_USERS, HUB_MAINTENANCE_RATE, …),
 * `nodeArgs` options of node (`--cpu-prof`), `cpu` the cores it may run on (taskset's list),
 * `script` a compiled server (build.js's server.js) run by plain node instead of the source
 * under tsx.
 */
export async function startBffProcess({
  port,
  dataDir,
  env = {},
  nodeArgs = [],
  cpu,
  script,
}: {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
  cpu?: string;
  script?: string;
}): Promise<ChildProcess> {
  const entry = script === undefined ? ['--import', 'tsx', 'src/server.ts'] : [script];
  const node = [process.execPath, ...nodeArgs, ...entry];
  const [command, ...args] = cpu === undefined ? node : ['taskset', '-c', cpu, ...node];
  const child = spawn(command!, args, {
    cwd: bffDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      HUB_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`the BFF exited with ${code ?? signal} before it answered`)),
    ),
  );
  // Once it answers, its exit is the caller's business (stop, or a kill on purpose).
  exited.catch(() => undefined);
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
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
