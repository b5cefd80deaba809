import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_BUDGETS_KB, SHELL_BUDGET_KB } from './budgets.ts';
import {
  contentsOf,
  measureBuild,
  ROUTE_MODULES,
  type BuildJavaScript,
  type RouteName,
} from './route-javascript.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const vite = path.join(
  path.dirname(createRequire(import.meta.filename).resolve('vite/package.json')),
  'bin/vite.js',
);
const kB = (bytes: number) => bytes / 1000;
const list = (files: string[]) => files.map((file) => `\n  ${file}`).join('');

/**
 * The SPA's weight on a first visit, from a production build made here (into a directory of its
 * own, so it is never stale and never races the end-to-end tests' apps/web/dist): sizes are the
 * same on every machine, so they are checked in every test run, unlike times.
 */
describe('JavaScript a first visit downloads before a screen shows (gzip level 9)', () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-budget-'));
  let build: BuildJavaScript;

  beforeAll(() => {
    execFileSync(
      process.execPath,
      [
        vite,
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--manifest',
        '--sourcemap',
        '--logLevel',
        'error',
      ],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
        // Vitest's NODE_ENV=test would make this a development build (React's, for one).
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    build = measureBuild(outDir);
  }, 300_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it(`keeps the shell, which every screen needs, within ${SHELL_BUDGET_KB} kB`, () => {
    const { gzipBytes, files } = build.shell;
    expect(
      kB(gzipBytes),
      `the shell weighs ${kB(gzipBytes).toFixed(1)} kB:${list(files)}`,
    ).toBeLessThanOrEqual(SHELL_BUDGET_KB);
  });

  it.each(Object.keys(ROUTE_MODULES) as RouteName[])(
    'keeps the %s screen (with the shell) within its budget',
    (route) => {
      const { gzipBytes, files } = build.routes[route];
      expect(
        kB(gzipBytes),
        `${route} weighs ${kB(gzipBytes).toFixed(1)} kB, over its ${ROUTE_BUDGETS_KB[route]} kB ` +
          `(apps/web/bundle/budgets.ts):${list(files)}`,
      ).toBeLessThanOrEqual(ROUTE_BUDGETS_KB[route]);
    },
  );

  it('loads zod and the schemas with the screens that parse with them, not with the shell', () => {
    expect([...contentsOf(outDir, build.shell.files)]).not.toContain('zod');
  });

  it('loads each feature only with its screens, and no screen waits for the charts', () => {
    const featureOf: Record<RouteName, string> = {
      'Sign-in': 'session',
      Overview: 'overview',
      Users: 'users',
      User: 'users',
      Clusters: 'clusters',
      Cluster: 'clusters',
      Alarms: 'alarms',
      Audit: 'audit',
      Lab: 'lab',
    };
    for (const route of Object.keys(ROUTE_MODULES) as RouteName[]) {
      const contents = contentsOf(outDir, build.routes[route].files);
      const features = [...contents].filter((item) => item.startsWith('feature:'));
      // The shell's own: the organization's name and the account menu in the top bar.
      const allowed = ['session', 'organization', featureOf[route]].map((f) => `feature:${f}`);
      expect(
        features.filter((f) => !allowed.includes(f)),
        route,
      ).toEqual([]);
      expect(contents.has('@mui/x-charts'), `${route} waits for the charts`).toBe(false);
      expect(contents.has('@mui/x-data-grid'), route).toBe(false);
    }
  });

  it('loads the charts only from the Overview, after it shows', () => {
    const manifest = JSON.parse(
      readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8'),
    ) as Record<string, { file: string; dynamicImports?: string[] }>;
    const chartChunks = Object.keys(manifest).filter((key) =>
      contentsOf(outDir, [manifest[key]!.file]).has('@mui/x-charts'),
    );
    expect(chartChunks.length).toBeGreaterThan(0);
    const importers = Object.keys(manifest).filter((key) =>
      manifest[key]!.dynamicImports?.some((imported) => chartChunks.includes(imported)),
    );
    expect(importers).toEqual([expect.stringMatching(/^src\/features\/overview\//)]);
  });
});
