import { csvRecords } from '@hybrid-hub/contract/csv';

/**
 * A CSV file as the BFF writes it (apps/bff/src/routes/csv-download.ts), through the same
 * writer: the columns, then a record per row. The mock builds the whole text at once: its demo
 * is thousands of rows, not 200,000.
 */
export async function csvText<T>(
  columns: readonly string[],
  batches: AsyncIterable<T[]>,
  cells: (row: T) => string[],
): Promise<string> {
  const rows: string[][] = [[...columns]];
  for await (const batch of batches) rows.push(...batch.map(cells));
  return csvRecords(rows);
}
