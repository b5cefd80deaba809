import { DownloadCsvButton } from '../../../components/download-csv-button.tsx';
import { hrefFor } from '../../../lib/api-client.ts';
import { auditQueryOf, hasFilters, type AuditFilters } from '../api/audit-filters.ts';

/** Export CSV of every entry the page's filters match (all pages), newest first. */
export function ExportAuditButton({ filters }: { filters: AuditFilters }) {
  const scope = hasFilters(filters) ? 'the entries matching the filters' : 'the whole audit log';
  return (
    <DownloadCsvButton
      href={hrefFor('exportAuditCsv', { query: auditQueryOf(filters) })}
      fallbackName="audit-log.csv"
      title={`Download ${scope}: when, who, action, target, result, from where`}
    />
  );
}
