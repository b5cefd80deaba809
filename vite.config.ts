import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

/**
 * msw's service worker for `vite --mode mock` only, read from the msw package itself (so it is
 * always the version msw expects). It is kept out of public/: a production build must not ship a
 * script that would answer /api from an in-page engine.
 */
function mockServiceWorker(): Plugin {
  return {
    name: 'hybrid-hub:mock-service-worker',
    apply: (_config, { command, mode }) => command === 'serve' && mode === 'mock',
    configureServer(server) {
      const file = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
      server.middlewares.use('/mockServiceWorker.js', (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(readFileSync(file));
      });
    },
  };
}

/**
 * Builds the SPA in apps/web (into apps/web/dist, which the BFF serves) and defines one
 * Vitest project per package, so `npm run test:unit` runs them all.
 * `vite --mode mock` serves the SPA with msw answering /api from the in-memory engine.
 */
export default defineConfig({
  root: 'apps/web',
  plugins: [
    react(),
    mockServiceWorker(),
    // Every script, style and page of the build also as .br and .gz, at the strongest levels:
    // compressed once here, not on each request; the BFF serves whichever the browser accepts.
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      threshold: 1024,
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    // `npm run dev` (no mock): the SPA's /api goes to a BFF started separately.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  test: {
    projects: [
      {
        test: {
          name: 'contract',
          root: 'packages/contract',
          environment: 'node',
        },
      },
      {
        test: {
          name: 'engine',
          root: 'packages/engine',
          environment: 'node',
        },
      },
      {
        test: {
          name: 'bff',
          root: 'apps/bff',
          environment: 'node',
          // One PostgreSQL server (from npm) for the run; the PostgreSQL tests share it.
          globalSetup: ['./src/testing/postgres-global-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          root: 'apps/web',
          environment: 'jsdom',
          setupFiles: ['./src/testing/setup-tests.ts'],
          // Screens with the Users grid are slow in jsdom (each DOM query ~100 ms).
          testTimeout: 30_000,
        },
      },
    ],
  },
});
