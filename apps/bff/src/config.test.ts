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
      HUB_SESSION_IDLE_MINUTES: 30,
      HUB_SESSION_HOURS: 12,
      HUB_COOKIE_SECURE: 'auto',
      HUB_TICK_MS: 250,
      HUB_LAB: true,
      HUB_SESSION_STREAMS: 10,
      HUB_CSV_DOWNLOADS_PER_SESSION: 2,
      HUB_CSV_DOWNLOADS_PER_ORG: 4,
    });
    // Unset: the engine's own default delay applies.
    expect(config.HUB_ACTIVATION_DELAY_MS).toBeUndefined();
    expect(config.HUB_DATA_DIR).toMatch(/data$/);
    // SQLite, and only a proxy on this machine is believed, as before these settings.
    expect(config.HUB_DATABASE_URL).toBeUndefined();
    expect(config.HUB_TRUST_PROXY).toEqual(['loopback']);
  });

  it('reads the PostgreSQL settings', () => {
    expect(
      readConfig({
        HUB_DATABASE_URL: 'postgres://hub:secret@db.example:5432/hub',
        HUB_DATABASE_POOL_MAX: '20',
        HUB_DATABASE_SCHEMA: 'hub_test',
      }),
    ).toMatchObject({
      HUB_DATABASE_URL: 'postgres://hub:secret@db.example:5432/hub',
      HUB_DATABASE_POOL_MAX: 20,
      HUB_DATABASE_SCHEMA: 'hub_test',
    });
    expect(readConfig({}).HUB_DATABASE_POOL_MAX).toBe(10);
    expect(() =>
      readConfig({
        HUB_DATABASE_URL: 'mysql://db.example/hub',
        HUB_DATABASE_POOL_MAX: '0',
        HUB_DATABASE_SCHEMA: 'Robert"; DROP',
      }),
    ).toThrow(/HUB_DATABASE_URL[\s\S]*HUB_DATABASE_POOL_MAX[\s\S]*HUB_DATABASE_SCHEMA/);
  });

  it('reads the trusted proxies: addresses, subnets, named ranges, or none', () => {
    expect(
      readConfig({ HUB_TRUST_PROXY: ' 10.0.0.5, 192.168.0.0/16,fd00::/8 ,loopback' }),
    ).toMatchObject({
      HUB_TRUST_PROXY: ['10.0.0.5', '192.168.0.0/16', 'fd00::/8', 'loopback'],
    });
    expect(readConfig({ HUB_TRUST_PROXY: 'none' }).HUB_TRUST_PROXY).toBe(false);
    for (const bad of ['', 'haproxy', '10.0.0.0/33', '10.0.0.1/8/8', 'none,loopback']) {
      expect(() => readConfig({ HUB_TRUST_PROXY: bad }), bad).toThrow(/HUB_TRUST_PROXY/);
    }
  });

  it('leaves the demo off in production unless told otherwise', () => {
    expect(readConfig({ NODE_ENV: 'production' })).toMatchObject({
      HUB_DEMO: false,
      HUB_LAB: false,
    });
    expect(readConfig({ NODE_ENV: 'production', HUB_DEMO: 'true' }).HUB_DEMO).toBe(true);
  });

  it('reads "false" as false', () => {
    expect(readConfig({ HUB_DEMO: 'false' }).HUB_DEMO).toBe(false);
  });

  it('turns the Lab on with the demo unless told otherwise', () => {
    expect(readConfig({ HUB_DEMO: 'false' }).HUB_LAB).toBe(false);
    expect(readConfig({ HUB_DEMO: 'false', HUB_LAB: 'true' }).HUB_LAB).toBe(true);
    expect(readConfig({ HUB_DEMO: 'true', HUB_LAB: '0' }).HUB_LAB).toBe(false);
  });

  it('reads the activation delay and the tick', () => {
    expect(readConfig({ HUB_ACTIVATION_DELAY_MS: '50', HUB_TICK_MS: '20' })).toMatchObject({
      HUB_ACTIVATION_DELAY_MS: 50,
      HUB_TICK_MS: 20,
    });
    expect(() => readConfig({ HUB_TICK_MS: '0', HUB_LAB: 'yes' })).toThrow(
      /HUB_TICK_MS[\s\S]*HUB_LAB/,
    );
  });

  it('names every bad setting', () => {
    expect(() => readConfig({ PORT: 'eighty', HUB_DEMO_USERS: '5' })).toThrow(
      /PORT[\s\S]*HUB_DEMO_USERS/,
    );
  });
});
