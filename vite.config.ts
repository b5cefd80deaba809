import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Builds the SPA in apps/web (into apps/web/dist, which the BFF serves) and defines one
 * Vitest project per package, so `npm run test:unit` runs them all.
 * `vite --mode mock` serves the SPA with msw answering /api from the in-memory engine.
 */
export default defineConfig({
  root: 'apps/web',
  plugins: [react()],
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
