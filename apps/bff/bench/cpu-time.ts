import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks a second of /proc's CPU times (USER_HZ: 100 on Linux everywhere it matters). */
const TICKS = 100;

/**
 * CPU seconds `pids` have used so far, their reaped children's included (a PostgreSQL backend
 * that ended still counts in the postmaster's): sampled before and after a load, the difference
 * says which process the requests' time went to. Processes gone meanwhile count for nothing.
 */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // The command name, in parentheses, may hold spaces: the fields counted after it.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime: fields 14 to 17 of proc(5), 12 to 15 after the name.
      ticks += fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0);
    } catch {
      // Gone.
    }
  }
  return ticks / TICKS;
}

/** `pid` and its children (a PostgreSQL postmaster and its backends). */
export function withChildren(pid: number): number[] {
  try {
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], {
      encoding: 'utf8',
    });
    return [
      pid,
      ...children
        .split('\n')
        .filter((line) => line.trim())
        .map(Number),
    ];
  } catch {
    return [pid];
  }
}
