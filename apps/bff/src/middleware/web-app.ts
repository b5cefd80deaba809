import { existsSync } from 'node:fs';
import path from 'node:path';
import { Router, type RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { sendProblem } from './problem.ts';

/**
 * Paths that no file of the build and no page of the console can have — bad percent-encoding,
 * control characters, `.`/`..` segments, backslashes — are probes: refused here, before they
 * reach the file system or the history fallback, as the client's mistake (400/404, logged at
 * warn by the request log) rather than as the server's (send's own errors were 500s with a stack).
 */
const refuseUnservablePaths: RequestHandler = (req, res, next) => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.path);
  } catch {
    return sendProblem(res, 400, 'validation_failed', {
      detail: 'The URL has a part that is not valid percent-encoding.',
      errors: [{ field: 'path', message: 'must be valid percent-encoding' }],
    });
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(decoded)) {
    return sendProblem(res, 400, 'validation_failed', {
      detail: 'The URL has a control character.',
      errors: [{ field: 'path', message: 'must not hold control characters' }],
    });
  }
  if (decoded.includes('\\') || decoded.split('/').some((part) => part === '.' || part === '..')) {
    return sendProblem(res, 404, 'not_found', { detail: 'There is nothing at this path.' });
  }
  next();
};

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

  router.use(refuseUnservablePaths);
  // The build wrote each file also as .br and .gz (vite.config.ts): the one the browser accepts is
  // sent as it is, brotli first, with `Vary: Accept-Encoding` for caches; nothing is compressed
  // per request.
  const precompressed = { enableBrotli: true, orderPreference: ['br', 'gzip'], index: false };
  router.use(
    '/assets',
    expressStaticGzip(path.join(webDist, 'assets'), {
      ...precompressed,
      serveStatic: { immutable: true, maxAge: '1y', fallthrough: false },
    }),
  );
  router.use(
    expressStaticGzip(webDist, { ...precompressed, serveStatic: { index: false, maxAge: '1h' } }),
  );
  router.get(/^(?!\/api(\/|$)).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
