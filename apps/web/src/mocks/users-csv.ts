import { USER_EXPORT_COLUMNS, type UserSummary } from '@hybrid-hub/contract';
import { userExportCells } from '@hybrid-hub/engine';

/**
 * Export CSV as the BFF writes it (apps/bff/src/routes/export.ts): the contract's columns,
 * RFC 4180 quoting with CRLF, and cells a spreadsheet would run as a formula neutralized.
 * The mock builds the whole text at once: its demo has 2,000 users, not 200,000.
 */
export async function usersCsv(batches: AsyncIterable<UserSummary[]>): Promise<string> {
  const lines = [csvLine([...USER_EXPORT_COLUMNS])];
  for await (const batch of batches) {
    for (const user of batch) lines.push(csvLine(userExportCells(user)));
  }
  return lines.join('');
}

function csvLine(cells: string[]): string {
  return `${cells.map(quote).join(',')}\r\n`;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
