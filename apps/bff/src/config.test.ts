import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('readConfig', () => {
  it('has defaults that work on a fresh clone', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      HUB_DEMO: true,
      HUB_DEMO_USERS: 2000,
      HUB_ORG: 'acme',
    });
    expect(config.HUB_DATA_DIR).toMatch(/data$/);
  });

  it('reads "false" as false', () => {
    expect(readConfig({ HUB_DEMO: 'false' }).HUB_DEMO).toBe(false);
  });

  it('names every bad setting', () => {
    expect(() => readConfig({ PORT: 'eighty', HUB_DEMO_USERS: '5' })).toThrow(
      /PORT[\s\S]*HUB_DEMO_USERS/,
    );
  });
});
