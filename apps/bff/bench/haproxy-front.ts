import { execFileSync } from 'node:child_process';
import { haproxyConfig } from '../src/cluster/haproxy-config.ts';
import { findHaproxy, startHaproxy } from '../src/cluster/haproxy.ts';
import { freePort } from '../src/testing/bff-process.ts';

export interface Front {
  url: string;
  stop(): Promise<void>;
}

/** Whether HAProxy can be run here (Debian's `haproxy`, or HAPROXY=path). */
export const haproxyAvailable = () => findHaproxy() !== undefined;

/**
 * HAProxy in front of the replicas on `ports`, configured as `npm run start:cluster` does
 * (haproxy-config.ts), pinned to `cpu` (taskset's list) when given: the load generator's core,
 * so that the replicas' core is theirs and the database's.
 */
export async function startFront(
  ports: readonly number[],
  cpu: string | undefined,
): Promise<Front> {
  const port = await freePort();
  const haproxy = await startHaproxy(
    haproxyConfig({
      host: '127.0.0.1',
      port,
      replicas: ports.map((replicaPort, i) => ({
        name: `replica-${i + 1}`,
        host: '127.0.0.1',
        port: replicaPort,
      })),
    }),
    port,
  );
  if (cpu !== undefined && haproxy.process.pid !== undefined) {
    try {
      execFileSync('taskset', ['-a', '-cp', cpu, String(haproxy.process.pid)], { stdio: 'ignore' });
    } catch {
      // Unpinned: the core plan printed at the start already says whether taskset works.
    }
  }
  return { url: `http://127.0.0.1:${port}`, stop: haproxy.stop };
}
