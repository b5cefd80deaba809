import type { UserSummary } from '@hybrid-hub/contract';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { USER_STATUS_TONE } from '../../../components/user-status-chip.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { gridClass } from './users-table-styles.ts';

export interface UserColumn {
  /** The API's sort field where the column sorts (`sort=field` or `-field`). */
  field: 'name' | 'email' | 'status' | 'cluster' | 'lastActivity';
  header: string;
  sortable: boolean;
  /** CSS width in the fixed table layout; the rest shares what is left. */
  width: string;
  render: (row: UserSummary) => ReactNode;
}

/**
 * Column fields equal the API's sort fields, so a header's sort maps one to one. Cells are plain
 * elements with the grid's classes: a page renders 50 of each (see users-table-styles.ts).
 */
export const userColumns: readonly UserColumn[] = [
  {
    field: 'name',
    header: 'Name',
    sortable: true,
    width: '20%',
    render: (row) => (
      // Out of the tab order: the grid's cell holds focus, and Enter on it opens the user.
      <Link to={`/users/${row.id}`} tabIndex={-1} className={gridClass.name}>
        {row.displayName}
      </Link>
    ),
  },
  {
    field: 'email',
    header: 'Email',
    sortable: true,
    width: '24%',
    render: (row) => row.email,
  },
  {
    field: 'status',
    header: 'Message Service status',
    sortable: true,
    width: '230px',
    render: (row) => (
      <span className={gridClass.statusCell}>
        <span
          className={gridClass.status}
          data-tone={USER_STATUS_TONE[row.status]}
          title={row.errorCode ?? undefined}
        >
          {row.status}
        </span>
        {row.errorCode && <span className={gridClass.errorCode}>{row.errorCode}</span>}
      </span>
    ),
  },
  {
    field: 'cluster',
    header: 'Cluster / node',
    sortable: false,
    width: '30%',
    render: (row) =>
      row.assignment ? (
        <span
          title={`${row.assignment.clusterName} / ${row.assignment.nodeHostname}`}
          className={gridClass.ellipsis}
        >
          {row.assignment.clusterName}
          <span className={gridClass.secondary}>
            {' / '}
            {row.assignment.nodeHostname}
          </span>
        </span>
      ) : (
        <>
          <span aria-hidden className={gridClass.none}>
            —
          </span>
          <span className={gridClass.hidden}>Not assigned</span>
        </>
      ),
  },
  {
    field: 'lastActivity',
    header: 'Last activity',
    sortable: true,
    width: '150px',
    render: (row) => <RelativeTime value={row.lastActivityAt} />,
  },
];
