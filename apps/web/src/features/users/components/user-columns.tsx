import type { UserSummary } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { RouterLink } from '../../../components/router-link.tsx';
import { UserStatusChip } from '../../../components/user-status-chip.tsx';
import { visuallyHidden } from '../../../components/visually-hidden.ts';

export interface UserColumn {
  /** The API's sort field where the column sorts (`sort=field` or `-field`). */
  field: 'name' | 'email' | 'status' | 'cluster' | 'lastActivity';
  header: string;
  sortable: boolean;
  /** CSS width in the fixed table layout; the rest shares what is left. */
  width: string;
  render: (row: UserSummary) => ReactNode;
}

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** Column fields equal the API's sort fields, so a header's sort maps one to one. */
export const userColumns: readonly UserColumn[] = [
  {
    field: 'name',
    header: 'Name',
    sortable: true,
    width: '20%',
    render: (row) => (
      // Out of the tab order: the grid's cell holds focus, and Enter on it opens the user.
      <RouterLink to={`/users/${row.id}`} tabIndex={-1} color="inherit" sx={{ fontWeight: 500 }}>
        {row.displayName}
      </RouterLink>
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
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
        <UserStatusChip status={row.status} title={row.errorCode ?? undefined} />
        {row.errorCode && (
          <Typography
            variant="caption"
            color="text.secondary"
            noWrap
            sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 11 }}
          >
            {row.errorCode}
          </Typography>
        )}
      </Box>
    ),
  },
  {
    field: 'cluster',
    header: 'Cluster / node',
    sortable: false,
    width: '30%',
    render: (row) =>
      row.assignment ? (
        <Box
          component="span"
          title={`${row.assignment.clusterName} / ${row.assignment.nodeHostname}`}
          sx={{ display: 'block', ...ellipsis }}
        >
          {row.assignment.clusterName}
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {' / '}
            {row.assignment.nodeHostname}
          </Box>
        </Box>
      ) : (
        <>
          <Box component="span" aria-hidden sx={{ color: 'text.disabled' }}>
            —
          </Box>
          <Box component="span" sx={visuallyHidden}>
            Not assigned
          </Box>
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
