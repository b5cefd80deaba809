import { routes, USER_EXPORT_COLUMNS } from '@hybrid-hub/contract';
import { userExportCells, type Engine } from '@hybrid-hub/engine';
import { Router } from 'express';
import { parseRequest } from '../middleware/route.ts';
import { sendCsv } from './csv-download.ts';
import type { CsvDownloads } from './csv-downloads.ts';

/**
 * `GET /api/v1/users/export.csv?status=&q=`: every matching user, streamed batch by batch from
 * the engine's keyset reads, so 200,000 rows never sit in memory at once.
 * Mount before the users router: `/users/:id` would otherwise take `export.csv` for an id.
 */
export function exportRouter(engine: Engine, downloads: CsvDownloads): Router {
  const router = Router();
  router.get(routes.exportUsersCsv.path, async (req, res) => {
    const { query } = parseRequest(routes.exportUsersCsv, req);
    const orgId = res.locals.orgId as string;
    const date = new Date().toISOString().slice(0, 10);
    const scope = query.status ? query.status.toLowerCase().replace(/\s+/g, '-') : 'all';
    await sendCsv(req, res, downloads, {
      filename: `users-${scope}-${date}.csv`,
      columns: USER_EXPORT_COLUMNS,
      batches: engine.exportUsers(orgId, query),
      cells: userExportCells,
      failure: 'users export failed',
    });
  });
  return router;
}
