/**
 * Where a cold page's main-thread time goes, at 4× CPU: the Chromium CPU profile of one cold
 * visit, summed by script (chunk) and by function (self time). An unminified build keeps the
 * functions' names. Usage: node --import tsx apps/web/bench/profile-page.ts /users
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startBffProcess } from '../../bff/bench/bff-process.ts';
import { freePort, stopBffProcess } from '../../bff/src/testing/bff-process.ts';
import { chromiumArgs, resolveChromium } from '../../../e2e/chromium.ts';
import { contentVisible, type PageKind } from './content-visible.ts';

const target = process.argv[2] ?? '/users';
const kind: PageKind =
  target === '/' ? 'overview' : target.startsWith('/users') ? 'users' : 'cluster';
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-profile-'));
const dist = process.env.BENCH_DIST ?? path.join(work, 'dist');
if (!process.env.BENCH_DIST) {
  const vite = path.join(
    path.dirname(createRequire(import.meta.filename).resolve('vite/package.json')),
    'bin/vite.js',
  );
  execFileSync(
    process.execPath,
    [vite, 'build', '--outDir', dist, '--emptyOutDir', '--minify', 'false', '--logLevel', 'error'],
    { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
}
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const bff = await startBffProcess({
  port,
  dataDir: process.env.BENCH_DATA_DIR ?? path.join(work, 'data'),
  env: { HUB_DEMO_USERS: process.env.BENCH_USERS ?? '20000', HUB_WEB_DIST: dist },
});
const browser = await chromium.launch({
  executablePath: resolveChromium() ?? chromium.executablePath(),
  args: chromiumArgs,
});
try {
  const signedIn = await browser.newContext();
  await signedIn.request.post(`${base}/api/v1/session`, {
    data: { email: 'admin@acme.example', password: 'hybrid-demo' },
  });
  const state = await signedIn.storageState();
  const context = await browser.newContext({ storageState: state });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(base + target);
  const shown = await contentVisible(page, kind);
  const { profile } = await cdp.send('Profiler.stop');
  console.log(`content visible at ${shown.toFixed(0)} ms (4× CPU)`);
  if (process.env.BENCH_SHOT) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: process.env.BENCH_SHOT });
  }
  type Node = {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  };
  const nodes = new Map<number, Node>(profile.nodes.map((n: Node) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples!.forEach((id: number, i: number) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)),
  );
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const { callFrame } = nodes.get(id)!;
    const script = callFrame.url.split('/').pop() || callFrame.functionName;
    byScript.set(script, (byScript.get(script) ?? 0) + us);
    const fn = `${callFrame.functionName || '(anonymous)'} ${script}:${callFrame.lineNumber}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
      .join('\n');
  console.log('\nself time by script (throttled ms)\n' + top(byScript, 25));
  console.log('\nself time by function\n' + top(byFunction, 40));
} finally {
  await browser.close();
  await stopBffProcess(bff);
}
