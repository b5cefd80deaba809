import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** How to get HAProxy, for the message when it is missing. */
export const HAPROXY_INSTALL_HINT =
  'HAProxy is not installed. On Debian or Ubuntu: sudo apt-get install haproxy (macOS: brew install haproxy); or set HAPROXY to its path.';

/** The haproxy executable (HAPROXY, else the PATH's), or undefined when there is none. */
export function findHaproxy(): string | undefined {
  const candidate = process.env.HAPROXY ?? 'haproxy';
  const probe = spawnSync(candidate, ['-v'], { stdio: 'ignore' });
  return probe.error || probe.status !== 0 ? undefined : candidate;
}

export interface RunningHaproxy {
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs HAProxy in the foreground (`-db`) on a configuration written to a temporary file, and
 * resolves once it accepts connections on `port`. Its own log lines go to `onLog`.
 */
export async function startHaproxy(
  config: string,
  port: number,
  { onLog = () => {} }: { onLog?: (line: string) => void } = {},
): Promise<RunningHaproxy> {
  const executable = findHaproxy();
  if (!executable) throw new Error(HAPROXY_INSTALL_HINT);
  const directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-haproxy-'));
  const file = path.join(directory, 'haproxy.cfg');
  writeFileSync(file, config);
  const check = spawnSync(executable, ['-c', '-q', '-f', file], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(directory, { recursive: true, force: true });
    throw new Error(`HAProxy refused its configuration:\n${check.stderr || check.stdout}`);
  }
  const child = spawn(executable, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => chunk.split('\n').filter(Boolean).forEach(onLog));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(directory, { recursive: true, force: true });
  };
  const started = performance.now();
  while (!(await accepts(port))) {
    if (child.exitCode !== null || performance.now() - started > 10_000) {
      await stop();
      throw new Error(`HAProxy did not start listening on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { process: child, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
