import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Where the end-to-end tests find Chromium, in one place (TOOLCHAIN.md):
 * `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`, else Playwright's own download.
 * Playwright's download cannot run on our build machines, hence Debian's package first.
 */
export function resolveChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  if (existsSync(chromium.executablePath())) return undefined; // Playwright's bundled browser
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one of:\n' +
      '  Debian/Ubuntu: sudo apt-get install -y chromium   (or run `bash .ci/run`, which does it as root)\n' +
      '  anywhere else: npx playwright install chromium\n' +
      'or point CHROMIUM_PATH at a Chromium/Chrome executable.',
  );
}

/** Flags that keep Chromium off the network it cannot reach here, and quiet. */
export const chromiumArgs = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
