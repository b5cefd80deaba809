import { neutralizeFormula, type UserSummary } from '@hybrid-hub/contract';
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
