import { readFileSync } from 'node:fs';
import { startBffProcess as startChild } from '../src/testing/bff-process.ts';

/**
 * The benchmarks drive one session as hard as the machine allows, far past the API's rate limits
 * (which are for people and scripts, not load generators): they lift them.
 */
export const UNLIMITED = {
  HUB_RATE_LIMIT: '10000000',
  HUB_RATE_LIMIT_CHANGES: '10000000',
};

/** A BFF in a child process (src/testing/bff-process.ts), without the API's rate limits. */
export function startBffProcess(
  options: Parameters<typeof startChild>[0],
): ReturnType<typeof startChild> {
  return startChild({ ...options, env: { ...UNLIMITED, ...options.env } });
}

/** The process's resident memory (bytes), from /proc. */
export function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) * 1024;
}
