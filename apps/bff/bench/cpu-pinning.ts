import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Which core each process of a load bench runs on: the load generator (this process) on one,
 * the server under test on another, so that neither takes the other's CPU time. Without two
 * cores or without taskset (util-linux), nothing is pinned and the bench says so.
 */
export interface CorePlan {
  /** The cores of the server under test (taskset's list), or undefined when not pinned. */
  server: string | undefined;
  /** What to print about it. */
  description: string;
}

export function pinLoadGenerator(): CorePlan {
  if (availableParallelism() < 2) {
    return { server: undefined, description: 'one core: nothing pinned, all processes share it' };
  }
  try {
    // -a: every thread of this process (libuv's pool included), not only the main one.
    execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return { server: undefined, description: 'taskset unavailable: nothing pinned' };
  }
  return {
    server: '1',
    description: `load generator (autocannon, this process) on core 0; the BFF and the bare server, each in its own process, on core 1`,
  };
}
