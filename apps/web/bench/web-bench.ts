/**
 * `npm run bench:web`: what a first visit to the console costs, on a 200,000-user Acme.
 *
 * Builds the SPA (into a directory of its own), starts the real BFF on it in a child process
 * (apps/bff/bench/bff-process.ts) and, for the Overview, Users and a cluster page, prints:
 *   - bytes over the wire for a visit with a cold cache (every answer, headers included, as
 *     Chromium received it — compressed where the BFF compresses);
 *   - the JavaScript the page needs before it shows (gzip level 9; apps/web/bundle);
 *   - navigation → content visible in Chromium with the CPU throttled 4× (CDP
 *     Emulation.setCPUThrottlingRate) and a cold cache, median of BENCH_RUNS (5);
 *   - Lighthouse (Debian's Chromium through chrome-launcher) performance, accessibility, LCP, TBT
 *     and CLS with its desktop and mobile presets, and what its accessibility audit found.
 * Each figure carries the machine's load average: times are noisy on a shared machine.
 * Not part of `npm test`. BENCH_USERS (200000), BENCH_RUNS (5), BENCH_DATA_DIR (reuse a seeded
 * database), BENCH_LIGHTHOUSE=0 (skip Lighthouse), BENCH_DIST (measure that build, with its
 * .vite/manifest.json, instead of building: an older commit's, for a "before").
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { launch } from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { startBffProcess } from '../../bff/bench/bff-process.ts';
import { freePort, stopBffProcess } from '../../bff/src/testing/bff-process.ts';
import { chromiumArgs, resolveChromium } from '../../../e2e/chromium.ts';
import { measureBuild, type RouteName } from '../bundle/route-javascript.ts';
import { contentVisible, type PageKind } from './content-visible.ts';

const users = Number(process.env.BENCH_USERS ?? 200_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const withLighthouse = process.env.BENCH_LIGHTHOUSE !== '0';
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const chromiumPath = resolveChromium() ?? chromium.executablePath();

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Target {
  label: string;
  kind: PageKind;
  path: string;
  route: RouteName;
}

/** Every answer of a cold visit, until the page shows its content and the network is quiet. */
async function coldBytes(context: BrowserContext, target: Target, base: string) {
  const page = await context.newPage();
  let bytes = 0;
  let requests = 0;
  page.on('requestfinished', (request) => {
    void request.sizes().then((sizes) => {
      bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      requests += 1;
    });
  });
  await page.goto(`${base}${target.path}`);
  await contentVisible(page, target.kind);
  // What loads after the content (the event schema, a chunk on idle) counts too.
  await page.waitForTimeout(2000);
  await page.close();
  return { bytes, requests };
}

/** Navigation → content visible, in the page's own clock, CPU throttled 4×, cold cache. */
async function timeToContent(context: BrowserContext, target: Target, base: string) {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${base}${target.path}`, { waitUntil: 'commit' });
  const ms = await contentVisible(page, target.kind);
  await page.close();
  return ms;
}

async function lighthouseRun(url: string, cookie: string, preset: 'desktop' | 'mobile') {
  const chrome = await launch({
    chromePath: chromiumPath,
    chromeFlags: ['--headless=new', '--no-sandbox', ...chromiumArgs],
  });
  try {
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        extraHeaders: { Cookie: cookie },
      },
      preset === 'desktop' ? desktopConfig : undefined,
    );
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { categories, audits, runtimeError } = result.lhr;
    if (runtimeError)
      throw new Error(`Lighthouse ${preset}: ${runtimeError.code} ${runtimeError.message}`);
    const failed = Object.values(audits)
      .filter((audit) => audit.scoreDisplayMode === 'binary' && audit.score === 0)
      .filter((audit) =>
        result.lhr.categories.accessibility?.auditRefs.some((r) => r.id === audit.id),
      )
      .map((audit) => audit.id);
    return {
      performance: Math.round((categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
      lcp: audits['largest-contentful-paint']?.numericValue ?? NaN,
      tbt: audits['total-blocking-time']?.numericValue ?? NaN,
      cls: audits['cumulative-layout-shift']?.numericValue ?? NaN,
      failed,
    };
  } finally {
    chrome.kill();
  }
}

function build(outDir: string): void {
  const vite = path.join(
    path.dirname(createRequire(import.meta.filename).resolve('vite/package.json')),
    'bin/vite.js',
  );
  execFileSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'error'],
    { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
}

const work = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-bench-web-'));
const dist = process.env.BENCH_DIST ?? path.join(work, 'dist');
const dataDir = process.env.BENCH_DATA_DIR ?? path.join(work, 'data');
let bff: Awaited<ReturnType<typeof startBffProcess>> | undefined;
let browser: Browser | undefined;
try {
  console.log(
    `Hybrid Hub web bench — ${users.toLocaleString('en-US')} Acme users, Chromium ${chromiumPath}\n`,
  );
  if (!process.env.BENCH_DIST) build(dist);
  const javascript = measureBuild(dist, { missing: 'skip' });

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const seedStart = performance.now();
  bff = await startBffProcess({
    port,
    dataDir,
    env: { HUB_DEMO_USERS: String(users), HUB_WEB_DIST: dist },
  });
  console.log(`BFF up in ${((performance.now() - seedStart) / 1000).toFixed(0)} s (seed included)`);

  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const signedIn = await browser.newContext();
  const signIn = await signedIn.request.post(`${base}/api/v1/session`, {
    data: { email: 'admin@acme.example', password: 'hybrid-demo' },
  });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
  const state = await signedIn.storageState();
  const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const clusters = (await (await signedIn.request.get(`${base}/api/v1/clusters`)).json()) as {
    items: { id: string; name: string }[];
  };
  const cluster = clusters.items[0];
  if (!cluster) throw new Error('the demo has no cluster');

  const targets: Target[] = [
    { label: 'Overview', kind: 'overview', path: '/', route: 'Overview' },
    { label: 'Users', kind: 'users', path: '/users', route: 'Users' },
    {
      label: `Cluster (${cluster.name})`,
      kind: 'cluster',
      path: `/clusters/${cluster.id}`,
      route: 'Cluster',
    },
  ];

  console.log(`\nShell JavaScript: ${(javascript.shell.gzipBytes / 1000).toFixed(1)} kB gzip`);
  for (const target of targets) {
    const fresh = () => browser!.newContext({ storageState: state });
    console.log(`\n${target.label} — ${target.path}`);
    const context = await fresh();
    const cold = await coldBytes(context, target, base);
    await context.close();
    console.log(
      `  bytes over the wire, cold cache: ${kib(cold.bytes)} in ${cold.requests} answers (load ${load()})`,
    );
    const js = javascript.routes[target.route];
    console.log(
      `  JavaScript before it shows: ${(js.gzipBytes / 1000).toFixed(1)} kB gzip (${(js.rawBytes / 1000).toFixed(0)} kB raw, ${js.files.length} files)`,
    );
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await fresh();
      times.push(await timeToContent(context, target, base));
      await context.close();
    }
    console.log(
      `  navigation → content visible, 4× CPU, cold: median ${median(times).toFixed(0)} ms of ${times.map((t) => t.toFixed(0)).join(', ')} (load ${load()})`,
    );
    if (!withLighthouse) continue;
    for (const preset of ['desktop', 'mobile'] as const) {
      const url = `${base}${target.path}`;
      // On a busy machine Lighthouse now and then loses its trace (NO_NAVSTART): once more.
      const lh = await lighthouseRun(url, cookie, preset)
        .catch(() => lighthouseRun(url, cookie, preset))
        .catch((error: Error) => {
          console.log(`  Lighthouse ${preset}: ${error.message} (load ${load()})`);
          return undefined;
        });
      if (!lh) continue;
      console.log(
        `  Lighthouse ${preset}: performance ${lh.performance}, accessibility ${lh.accessibility}, ` +
          `LCP ${(lh.lcp / 1000).toFixed(2)} s, TBT ${lh.tbt.toFixed(0)} ms, CLS ${lh.cls.toFixed(3)}` +
          `${lh.failed.length ? `; accessibility audits failed: ${lh.failed.join(', ')}` : ''} (load ${load()})`,
      );
    }
  }
} finally {
  await browser?.close();
  await stopBffProcess(bff);
  rmSync(work, { recursive: true, force: true });
}
