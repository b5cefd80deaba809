import compression from 'compression';
import type { RequestHandler } from 'express';

/**
 * Compresses what the BFF makes per request — JSON answers, problems, CSV downloads as they stream,
 * index.html — with brotli or gzip as the browser accepts, once an answer passes `thresholdBytes`
 * (a small answer is sent faster as it is). The build's files are compressed ahead of time and
 * served as they are (web-app.ts): an answer that already has a Content-Encoding is left alone.
 *
 * Event streams never: each event must reach the browser as it is written, and a compressor holds
 * bytes back to fill its window (the stream also says `Cache-Control: no-transform`, which
 * compression honours; the type check is the guard that does not depend on a header).
 */
export function compressAnswers(thresholdBytes = 1024): RequestHandler {
  return compression({
    threshold: thresholdBytes,
    filter: (req, res) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (type.startsWith('text/event-stream')) return false;
      return compression.filter(req, res);
    },
  });
}
