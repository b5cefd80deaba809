import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { PgQueryable } from '../src/store/pg/pg-queryable.ts';

/**
 * The replica that leads the timed work, found the way an operator would: the connection named
 * `hybrid-hub leader:timed work…` (pg-leadership.ts; what follows, if anything, names the
 * replica, which this does not rely on) that holds its advisory lock in this schema
 * (followers' connections hold none), and then which of `pids` owns the client end of that
 * connection (its port, from pg_stat_activity, in /proc/net/tcp; the socket among the process's
 * open files). Works when PostgreSQL and the replicas share this machine; undefined when no one
 * leads right now.
 */
export async function findLeader(
  sql: PgQueryable,
  pids: readonly number[],
): Promise<{ pid: number; backendPid: number } | undefined> {
  const { rows } = await sql.query<{ backend: number; port: number }>(
    `SELECT a.pid AS backend, a.client_port AS port
     FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
     WHERE a.application_name LIKE 'hybrid-hub leader:timed work%'
       AND l.locktype = 'advisory' AND l.granted
       AND l.classid = (hashtext('hybrid-hub ' || current_schema()) & 2147483647)::bigint::oid`,
  );
  const holder = rows[0];
  if (!holder) return undefined;
  const pid = ownerOfPort(holder.port, pids);
  return pid === undefined ? undefined : { pid, backendPid: holder.backend };
}

/** The server processes (backend pids) of every connection process `pid` has to the database. */
export async function backendsOf(sql: PgQueryable, pid: number): Promise<number[]> {
  const { rows } = await sql.query<{ backend: number; port: number }>(
    `SELECT pid AS backend, client_port AS port FROM pg_stat_activity
     WHERE datname = current_database() AND client_port IS NOT NULL`,
  );
  return rows.filter((row) => ownerOfPort(row.port, [pid]) === pid).map((row) => row.backend);
}

/** Which of `pids` owns the client end of a connection from local port `port`. */
function ownerOfPort(port: number, pids: readonly number[]): number | undefined {
  const inodes = socketInodes(port);
  return pids.find((candidate) => ownsSocket(candidate, inodes));
}

/** The inodes of the TCP sockets whose local port is `port` (IPv4 and IPv6). */
function socketInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (local && parseInt(local.split(':')[1]!, 16) === port) inodes.add(fields[9]!);
    }
  }
  return inodes;
}

function ownsSocket(pid: number, inodes: Set<string>): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        return target.startsWith('socket:[') && inodes.has(target.slice(8, -1));
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}
