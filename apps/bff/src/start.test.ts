import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserListResponse } from '@hybrid-hub/contract';
import { afterAll, describe, expect, it } from 'vitest';
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

  it('refuses to start for an organization that does not exist', async () => {
    await expect(startTestBff({ HUB_ORG: 'initech' })).rejects.toThrow(/HUB_ORG=initech/);
  });
});
