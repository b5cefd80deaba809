import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HistoryResponse, Job, Session, UserListResponse } from '@hybrid-hub/contract';
import { ManualClock } from '@hybrid-hub/engine';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { startBff } from './start.ts';
import { eventually, getUser, switchMessageService, usersIn } from './testing/api.ts';
import { startTestBff } from './testing/test-bff.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('starting the BFF', () => {
  it('seeds on first start and keeps the data across a restart', async () => {
    const first = await startTestBff({ HUB_DATA_DIR: dataDir });
    expect(first.seeded).toBe(true);
    const before = UserListResponse.parse(
      await first.json('/api/v1/users?sort=email&page=3&pageSize=20'),
    );
    await first.close();

    // A different demo seed would generate other users: a reseed would show.
    const second = await startTestBff({ HUB_DATA_DIR: dataDir, HUB_DEMO_SEED: '99' });
    expect(second.seeded).toBe(false);
    const after = UserListResponse.parse(
      await second.json('/api/v1/users?sort=email&page=3&pageSize=20'),
    );
    expect(after.total).toBe(before.total);
    expect(after.items).toEqual(before.items);
    expect((await second.store.listOrganizations()).length).toBe(2);
    await second.close();
  });

  it('finishes, after a restart, the work that was due when it stopped', async () => {
    const ownDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-durable-'));
    // The clock stands still while the first BFF runs: its loop cannot have evaluated anyone.
    const clock = new ManualClock();
    const first = await startTestBff({ HUB_DATA_DIR: ownDir }, clock);
    const [user] = await usersIn(first, 'Active');
    await switchMessageService(first, user!.id, false);
    expect((await switchMessageService(first, user!.id, true)).status).toBe('Pending');
    const selection = (await usersIn(first, 'Not activated', { count: 20 })).map((u) => u.id);
    const started = await first.send('POST', '/api/v1/users/bulk', {
      action: 'activate',
      selection: { kind: 'ids', ids: selection },
    });
    const job = Job.parse(await started.json());
    await first.close();

    const second = await startTestBff({ HUB_DATA_DIR: ownDir }, clock);
    try {
      expect(second.seeded).toBe(false);
      expect((await getUser(second, user!.id)).status).toBe('Pending');
      await eventually(second, async () =>
        expect((await getUser(second, user!.id)).status).toBe('Active'),
      );
      const history = HistoryResponse.parse(
        await second.json(`/api/v1/users/${user!.id}/history?pageSize=2`),
      );
      expect(history.items.map((entry) => [entry.actor, entry.toStatus])).toEqual([
        ['system', 'Active'],
        // The history names the administrator whose session made the change.
        ['admin@acme.example', 'Pending'],
      ]);

      const done = await eventually(second, async () => {
        const now = Job.parse(await second.json(`/api/v1/jobs/${job.id}`));
        expect(now.state).toBe('completed');
        return now;
      });
      expect(done.settled).toBe(20);
      expect(done.succeeded + done.failed + done.unchanged).toBe(20);
      for (const id of selection) expect((await getUser(second, id)).status).not.toBe('Pending');
    } finally {
      await second.destroy();
    }
  });

  it('keeps sessions in the database: a signed-in admin stays signed in across a restart', async () => {
    const ownDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-sessions-'));
    const first = await startTestBff({ HUB_DATA_DIR: ownDir });
    const support = await first.signIn('support@acme.example');
    await first.close();
    const second = await startTestBff({ HUB_DATA_DIR: ownDir });
    try {
      expect(second.seededDemoAdmins).toBe(false);
      const again = await fetch(`${second.url}/api/v1/session`, { headers: support.headers });
      expect(again.status).toBe(200);
      expect(Session.parse(await again.json()).admin.email).toBe('support@acme.example');
    } finally {
      await second.destroy();
    }
  });
});

describe('the data directory', () => {
  const startIn = async (dataDir: string) => {
    const lines: { level: number; msg: string; dataDir?: string }[] = [];
    const logger = pino({}, { write: (line: string) => lines.push(JSON.parse(line)) });
    const config = readConfig({
      PORT: '0',
      HUB_DATA_DIR: dataDir,
      HUB_WEB_DIST: path.join(dataDir, 'no-web'),
      HUB_DEMO_USERS: '100',
    });
    const bff = await startBff(config, { logger });
    return { bff, warnings: lines.filter((line) => line.level === 40) };
  };
  const modeOf = (file: string) => statSync(file).mode & 0o777;

  it('is created readable by the service only, and so are the database and its WAL files', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-modes-'));
    try {
      const dataDir = path.join(parent, 'fresh', 'data');
      const { bff, warnings } = await startIn(dataDir);
      // A change after start, so the WAL is written to as well as created.
      await bff.store.pruneEvents(0);
      try {
        expect(modeOf(dataDir).toString(8)).toBe('700');
        for (const file of ['hybrid-hub.db', 'hybrid-hub.db-wal', 'hybrid-hub.db-shm']) {
          expect(modeOf(path.join(dataDir, file)).toString(8), file).toBe('600');
        }
        expect(warnings).toEqual([]);
      } finally {
        await bff.close();
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('keeps the mode of a directory the operator made, and warns when others can read it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-open-'));
    try {
      chmodSync(dataDir, 0o755);
      const { bff, warnings } = await startIn(dataDir);
      await bff.close();
      expect(modeOf(dataDir).toString(8)).toBe('755');
      expect(warnings).toEqual([
        expect.objectContaining({ dataDir, msg: expect.stringMatching(/chmod 700/) }),
      ]);
      // The database is the service's alone all the same.
      expect(modeOf(path.join(dataDir, 'hybrid-hub.db')).toString(8)).toBe('600');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
