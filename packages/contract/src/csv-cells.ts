/**
 * A spreadsheet opening the file runs a cell that starts with = + - @ (or tab / carriage return,
 * which some programs skip before looking) as a formula — and names and emails come from
 * directories that outsiders can influence, so a display name like `=HYPERLINK(...)` could
 * run in an administrator's spreadsheet (CSV injection, OWASP). A leading apostrophe makes the
 * program show the text as text. For every CSV the console writes (users, audit log).
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
