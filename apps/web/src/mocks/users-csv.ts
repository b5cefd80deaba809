import { USER_EXPORT_COLUMNS, type UserSummary } from '@hybrid-hub/contract';
import { userExportCells } from '@hybrid-hub/engine';
import { csvText } from './csv-text.ts';

/**
 * Export CSV as the BFF writes it (apps/bff/src/routes/export.ts): the contract's columns, and
 * cells a spreadsheet would run as a formula neutralized.
 */
export function usersCsv(batches: AsyncIterable<UserSummary[]>): Promise<string> {
  return csvText(USER_EXPORT_COLUMNS, batches, userExportCells);
}
