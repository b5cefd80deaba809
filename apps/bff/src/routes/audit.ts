import { AUDIT_EXPORT_COLUMNS, auditExportCells, routes } from '@hybrid-hub/contract';
import { Router } from 'express';
import type { AuditStore } from '../audit/audit-store.ts';
import { handle, parseRequest, type RouteOptions } from '../middleware/route.ts';
import { sendCsv } from './csv-download.ts';
import type { CsvDownloads } from './csv-downloads.ts';

/**
 * The audit log of the signed-in organization: a page of it, and all of it as CSV. Reading only:
 * no route changes or removes an entry.
 */
export function auditRouter(
  audit: AuditStore,
  options: RouteOptions,
  downloads: CsvDownloads,
): Router {
  const router = Router();
  router.get(routes.exportAuditCsv.path, async (req, res) => {
    const { query } = parseRequest(routes.exportAuditCsv, req);
    const orgId = res.locals.orgId as string;
    const date = new Date().toISOString().slice(0, 10);
    await sendCsv(req, res, downloads, {
      filename: `audit-log-${orgId}-${date}.csv`,
      columns: AUDIT_EXPORT_COLUMNS,
      batches: audit.exportAuditEntries(orgId, query),
      cells: auditExportCells,
      failure: 'audit export failed',
    });
  });
  router.get(
    routes.listAuditEntries.path,
    handle(
      routes.listAuditEntries,
      ({ orgId, query }) => audit.listAuditEntries(orgId, query),
      options,
    ),
  );
  return router;
}
