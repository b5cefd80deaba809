import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * Serves the built SPA: hashed assets cached for a year (their names change with their content),
 * index.html never cached (so a deploy is picked up at once), and every other non-API GET answered
 * with index.html, so deep links such as /users/u-123 work on reload (history fallback).
 */
export function webAppRouter(webDist: string | undefined): Router {
  const router = Router();
  const indexFile = webDist ? path.join(webDist, 'index.html') : undefined;
  if (!webDist || !indexFile || !existsSync(indexFile)) {
    router.get(/^(?!\/api(\/|$)).*/, (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send(
          'Hybrid Hub: the console has not been built yet.\n\n' +
            'Run `npm run build` (or `npm start`, which builds and starts), then reload.\n' +
            'The API is available under /api.\n',
        );
    });
    return router;
  }

  router.use(
    '/assets',
    express.static(path.join(webDist, 'assets'), {
      immutable: true,
      maxAge: '1y',
      fallthrough: false,
    }),
  );
  // The msw worker ships in public/ for `npm run dev:mock`; the real console must not offer it.
  router.get('/mockServiceWorker.js', (_req, res) => {
    res.status(404).end();
  });
  router.use(express.static(webDist, { index: false, maxAge: '1h' }));
  router.get(/^(?!\/api(\/|$)).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
