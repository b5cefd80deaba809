import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  HistoryResponse,
  UserListResponse,
  UserStatusCounts,
  type UserStatus,
} from '@hybrid-hub/contract';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startBffProcess, stopBffProcess } from './testing/bff-process.ts';
import { signIn } from './testing/sign-in.ts';

/**
 * kill -9 of the BFF while 1,000 reactivations are in flight, then a restart on the same
 * database: every reactivation the BFF acknowledged is in its user's history, the users it made
 * Pending are evaluated once the activation delay has passed (none is left Pending), and SQLite
 * finds the database intact, right after the crash and at the end.
 */

const REACTIVATIONS = 1000;
/**
 * Acknowledgements before the kill: well under the total, so that the BFF has many requests
 * still to handle when it dies.
 */
const KILL_AFTER = 100;
/** Long enough that the acknowledged users are still Pending when the BFF dies. */
const ACTIVATION_DELAY_MS = 3000;
const ADMIN = 'admin@acme.example';

const dataDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-crash-'));
const databaseFile = path.join(dataDir, 'hybrid-hub.db');
let child: ChildProcess | undefined;
afterAll(async () => {
  await stopBffProcess(child);
  rmSync(dataDir, { recursive: true, force: true });
});

const env = {
  HUB_ACTIVATION_DELAY_MS: String(ACTIVATION_DELAY_MS),
  // One session sends the 1,000 at once: far past a person's rate limit, on purpose.
  HUB_RATE_LIMIT: '100000',
  HUB_RATE_LIMIT_CHANGES: '100000',
};

/** What SQLite says of the file: `ok`, and no row pointing at a missing parent. */
function checkDatabase(): { integrity: string; foreignKeyProblems: number } {
  const db = new Database(databaseFile);
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      foreignKeyProblems: (db.pragma('foreign_key_check') as unknown[]).length,
    };
  } finally {
    db.close();
  }
}

async function usersIn(
  base: string,
  headers: Record<string, string>,
  status: UserStatus,
): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(
      `${base}/api/v1/users?status=${status}&sort=email&pageSize=100&page=${page}`,
      { headers },
    );
    const { items, total } = UserListResponse.parse(await response.json());
    ids.push(...items.map((user) => user.id));
    if (page * 100 >= total) return ids;
  }
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

describe('a crash of the BFF under load', () => {
  it('keeps every acknowledged reactivation, leaves no user Pending after the delay, and an intact database', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = await startBffProcess({ port, dataDir, env });
    const { headers } = await signIn(base, ADMIN);
    const targets = [
      ...(await usersIn(base, headers, 'Error')),
      ...(await usersIn(base, headers, 'Active')),
    ].slice(0, REACTIVATIONS);
    expect(targets).toHaveLength(REACTIVATIONS);

    // 1,000 within half a second; the process is killed (SIGKILL: no shutdown, no flush) as the
    // 100th acknowledgement arrives, with the rest queued, being handled, answered but unread,
    // or not sent yet.
    const firedAt = Date.now();
    const acknowledged: string[] = [];
    const running = child;
    const refused: string[] = [];
    await Promise.all(
      targets.map(async (id, index) => {
        // Two a millisecond, so that the kill always lands while requests are still arriving:
        // fired all at once, a fast machine had carried out every one of them before the client
        // had read its 100th answer, and the crash then interrupted nothing.
        await new Promise((resolve) => setTimeout(resolve, Math.floor(index / 2)));
        if (running.signalCode !== null) return; // dead already: this one is never sent
        try {
          const response = await fetch(`${base}/api/v1/users/${id}/reactivate`, {
            method: 'POST',
            headers,
          });
          // Acknowledged = a 2xx status line arrived: the BFF answers after its commit.
          if (response.ok) {
            acknowledged.push(id);
            if (acknowledged.length === KILL_AFTER) running.kill('SIGKILL');
            await response.arrayBuffer();
          } else refused.push(`${response.status} ${await response.text()}`);
        } catch {
          // The connection died with the process: not acknowledged.
        }
      }),
    );
    await new Promise((resolve) =>
      running.exitCode !== null || running.signalCode !== null
        ? resolve(undefined)
        : running.once('exit', resolve),
    );
    expect(running.signalCode).toBe('SIGKILL');
    expect(refused).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    // The kill came mid-flight: some requests never got their answer.
    expect(acknowledged.length).toBeLessThan(REACTIVATIONS);
    expect(checkDatabase()).toEqual({ integrity: 'ok', foreignKeyProblems: 0 });

    child = await startBffProcess({ port, dataDir, env });
    const restartedAt = Date.now();
    // The session survived too (sessions live in the database).
    const counts = async () =>
      UserStatusCounts.parse(
        await (await fetch(`${base}/api/v1/users/status-counts`, { headers })).json(),
      );
    let pending = (await counts()).byStatus.Pending ?? 0;
    while (pending > 0 && Date.now() - restartedAt < ACTIVATION_DELAY_MS + 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      pending = (await counts()).byStatus.Pending ?? 0;
    }
    expect(pending, 'users still Pending after the activation delay').toBe(0);

    // Each acknowledged reactivation is in the history exactly once (Pending, by the admin); one
    // whose answer was lost is there once or not at all.
    const reactivated = new Map<string, number>();
    await inParallel(targets, 16, async (id) => {
      const response = await fetch(`${base}/api/v1/users/${id}/history?pageSize=20`, { headers });
      const entries = HistoryResponse.parse(await response.json()).items.filter(
        (entry) =>
          entry.actor === ADMIN &&
          entry.toStatus === 'Pending' &&
          Date.parse(entry.at) >= firedAt - 1000,
      );
      reactivated.set(id, entries.length);
    });
    expect(acknowledged.filter((id) => reactivated.get(id) !== 1)).toEqual([]);
    expect(targets.filter((id) => reactivated.get(id)! > 1)).toEqual([]);
    const unanswered = targets.filter((id) => !acknowledged.includes(id));
    const doneUnanswered = unanswered.filter((id) => reactivated.get(id) === 1).length;
    // The kill landed mid-flight: the BFF died with reactivations it had not carried out.
    expect(doneUnanswered).toBeLessThan(unanswered.length);

    await stopBffProcess(child);
    expect(checkDatabase()).toEqual({ integrity: 'ok', foreignKeyProblems: 0 });
    console.log(
      `Crash: ${REACTIVATIONS} reactivations fired, ${acknowledged.length} acknowledged before kill -9 ` +
        `(${REACTIVATIONS - acknowledged.length} unanswered, ${doneUnanswered} of them carried out); after the restart all ` +
        `${acknowledged.length} are in the history once, 0 users Pending ` +
        `${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the restart, integrity_check ok before and after.`,
    );
  }, 90_000);
});
