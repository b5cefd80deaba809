import { stringify, type Options } from '#csv-stringify';

/**
 * Every CSV the console writes (users export, audit log; BFF and msw mock alike) goes through
 * `csvRecords`, so that quoting and formula neutralizing live in one place.
 *
 * Names, emails, mailids and even a refused request's path come from people outside the
 * console. A spreadsheet opening the file runs a cell — or, in some programs, any line of a
 * cell — that starts with = + - @ (or tab / carriage return, which some skip before looking) as
 * a formula (CSV injection, OWASP). A leading apostrophe makes it show the text as text.
 */
const LINE_FORMULA_START = /(?:^|(?<=[\r\n]))(?=[=+\-@\t\r])/g;
/** The same test without the lookbehind at every position: most cells have nothing to change. */
const HAS_FORMULA_START = /^[=+\-@\t\r]|[\r\n][=+\-@\t\r]/;

/** Puts an apostrophe before a formula start at the start of the cell and after each line break. */
export function neutralizeFormulas(cell: string): string {
  return HAS_FORMULA_START.test(cell) ? cell.replace(LINE_FORMULA_START, "'") : cell;
}

const OPTIONS: Options = {
  // RFC 4180 (the text/csv registration): CRLF between records.
  record_delimiter: 'windows',
  // With a record delimiter given, csv-stringify quotes only fields holding that exact CRLF: a
  // bare LF or CR would end the record in every reader and start a new one with the rest.
  quote_record_delimiter: true,
  cast: { string: neutralizeFormulas },
};

/** CSV records, each ending with CRLF; fields quoted where needed, formulas neutralized. */
export function csvRecords(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], OPTIONS);
}
