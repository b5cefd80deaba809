/**
 * A CSV file as the BFF writes it (apps/bff/src/routes/csv-download.ts): the columns, then a
 * record per row, RFC 4180 quoting with CRLF. The mock builds the whole text at once: its demo
 * is thousands of rows, not 200,000.
 */
export async function csvText<T>(
  columns: readonly string[],
  batches: AsyncIterable<T[]>,
  cells: (row: T) => string[],
): Promise<string> {
  const lines = [csvLine([...columns])];
  for await (const batch of batches) {
    for (const row of batch) lines.push(csvLine(cells(row)));
  }
  return lines.join('');
}

function csvLine(cells: string[]): string {
  return `${cells.map(quote).join(',')}\r\n`;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
