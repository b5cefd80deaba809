import { parse } from 'csv-parse/sync';

const LINE_BREAK = /\r\n|\r|\n/;
/** What a spreadsheet runs as a formula at the start of a cell, or of a line in one. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The records of a CSV file as a spreadsheet reads them: outside quotes, any line break ends a
 * record — CRLF, and a bare LF or CR too — so a field that should have been quoted shows up as
 * an extra record.
 */
export function readCsv(text: string): string[][] {
  return parse(text, { record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true });
}

/**
 * What in the file would run as a formula: a cell, a line inside a cell, or a physical line of
 * the file (after an opening quote) that starts like one. Empty for a file that is safe to open.
 */
export function liveFormulas(text: string): string[] {
  const lines = text.split(LINE_BREAK).filter((line) => FORMULA_START.test(line.replace(/^"/, '')));
  const inCells = readCsv(text)
    .flat()
    .flatMap((cell) => cell.split(LINE_BREAK))
    .filter((line) => FORMULA_START.test(line));
  return [...lines.map((line) => `line ${line}`), ...inCells.map((line) => `cell ${line}`)];
}
