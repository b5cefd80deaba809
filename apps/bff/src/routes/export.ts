import { once } from 'node:events';
import { routes, USER_EXPORT_COLUMNS } from '@hybrid-hub/contract';
import { userExportCells, type Engine } from '@hybrid-hub/engine';
import { stringify } from 'csv-stringify/sync';
import { Router } from 'express';
import { parseRequest } from '../middleware/route.ts';

/** RFC 4180 (the text/csv registration): CRLF between records. */
const CSV_OPTIONS = { record_delimiter: 'windows' } as const;

/**
 * `GET /api/v1/users/export.csv?status=&q=`: every matching user, streamed batch by batch from
 * the engine's keyset reads, so 200,000 rows never sit in memory at once.
 * Mount before the users router: `/users/:id` would otherwise take `export.csv` for an id.
 */
export function exportRouter(engine: Engine): Router {
  const router = Router();
  router.get(routes.exportUsersCsv.path, async (req, res) => {
    const { query } = parseRequest(routes.exportUsersCsv, req);
    const orgId = res.locals.orgId as string;
    const gone = new AbortController();
    res.on('close', () => gone.abort());

    const batches = engine.exportUsers(orgId, query)[Symbol.asyncIterator]();
    // The first batch is read before anything is sent, so an engine error (or an unknown
    // organization) is still answered as a problem instead of a truncated file.
    let batch = await batches.next();

    const date = new Date().toISOString().slice(0, 10);
    const scope = query.status ? query.status.toLowerCase().replace(/\s+/g, '-') : 'all';
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="users-${scope}-${date}.csv"`);
    // Rows go out as they are read: no proxy buffering of a download that may take a while.
    res.setHeader('X-Accel-Buffering', 'no');

    try {
      let chunk = stringify([[...USER_EXPORT_COLUMNS]], CSV_OPTIONS);
      while (!batch.done && !gone.signal.aborted) {
        chunk += stringify(batch.value.map(userExportCells), CSV_OPTIONS);
        // One write per batch; when the socket's buffer is full, wait until the client has
        // taken it (or left) before reading the next batch from the store.
        if (!res.write(chunk)) await once(res, 'drain', { signal: gone.signal });
        chunk = '';
        batch = await batches.next();
      }
      if (chunk) res.write(chunk);
      res.end();
    } catch (error) {
      if (gone.signal.aborted) return; // the client left; nothing to answer
      // Headers are out, so no problem document can follow: cut the connection, so the browser
      // reports a failed download instead of saving a file that looks complete but is not.
      req.log.error({ err: error, orgId }, 'users export failed');
      res.destroy();
    } finally {
      // Stop the engine's reads when the client left or the loop ended early.
      if (!batch.done) await batches.return?.();
    }
  });
  return router;
}
