import type { UserSummary } from '@hybrid-hub/contract';
import { ACTIVATION_ERRORS } from '../rules/error-catalog.ts';

/**
 * One Export CSV row, cell by cell in the order of USER_EXPORT_COLUMNS, as the text reads (the
 * contract's csvRecords quotes and neutralizes): the one place that says what each column holds.
 */
export function userExportCells(user: UserSummary): string[] {
  return [
    user.displayName,
    user.email,
    user.status,
    user.errorCode ?? '',
    user.errorCode ? ACTIVATION_ERRORS[user.errorCode].message : '',
    user.assignment?.clusterName ?? '',
    user.assignment?.nodeHostname ?? '',
    user.lastActivityAt ?? '',
  ];
}
