import type { UserSummary } from '@hybrid-hub/contract';
import { ACTIVATION_ERRORS } from '../rules/error-catalog.ts';

/**
 * One Export CSV row, cell by cell in the order of USER_EXPORT_COLUMNS, ready for any CSV writer
 * (the BFF's stream, the msw mock): the one place that says what each column holds.
 */
export function userExportCells(user: UserSummary): string[] {
  const cells = [
    user.displayName,
    user.email,
    user.status,
    user.errorCode ?? '',
    user.errorCode ? ACTIVATION_ERRORS[user.errorCode].message : '',
    user.assignment?.clusterName ?? '',
    user.assignment?.nodeHostname ?? '',
    user.lastActivityAt ?? '',
  ];
  return cells.map(neutralizeFormula);
}

/**
 * A spreadsheet opening the file runs a cell that starts with = + - @ (or tab / carriage return,
 * which some programs skip before looking) as a formula — and names and emails come from
 * directories that outsiders can influence, so a display name like `=HYPERLINK(...)` could
 * run in an administrator's spreadsheet (CSV injection, OWASP). A leading apostrophe makes the
 * program show the text as text.
 */
function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
