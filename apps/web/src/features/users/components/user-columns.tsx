import type { UserSummary } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { GridColDef } from '@mui/x-data-grid';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { RouterLink } from '../../../components/router-link.tsx';
import { UserStatusChip } from '../../../components/user-status-chip.tsx';

/** Column fields equal the API's sort fields, so the grid's sort model maps one to one. */
export const userColumns: GridColDef<UserSummary>[] = [
  {
    field: 'name',
    headerName: 'Name',
    flex: 1,
    minWidth: 170,
    valueGetter: (_value, row) => row.displayName,
    renderCell: ({ row, tabIndex }) => (
      <RouterLink
        to={`/users/${row.id}`}
        tabIndex={tabIndex}
        color="inherit"
        sx={{ fontWeight: 500 }}
      >
        {row.displayName}
      </RouterLink>
    ),
  },
  {
    field: 'email',
    headerName: 'Email',
    flex: 1.2,
    minWidth: 220,
  },
  {
    field: 'status',
    headerName: 'Message Service status',
    width: 240,
    renderCell: ({ row }) => (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, height: '100%', minWidth: 0 }}>
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
    headerName: 'Cluster / node',
    flex: 1.7,
    minWidth: 240,
    sortable: false,
    valueGetter: (_value, row) =>
      row.assignment ? `${row.assignment.clusterName} / ${row.assignment.nodeHostname}` : '',
    renderCell: ({ row }) =>
      row.assignment ? (
        <Box
          component="span"
          title={`${row.assignment.clusterName} / ${row.assignment.nodeHostname}`}
          sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}
        >
          {row.assignment.clusterName}
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {' / '}
            {row.assignment.nodeHostname}
          </Box>
        </Box>
      ) : (
        <Box component="span" sx={{ color: 'text.disabled' }} aria-label="Not assigned">
          —
        </Box>
      ),
  },
  {
    field: 'lastActivity',
    headerName: 'Last activity',
    width: 130,
    valueGetter: (_value, row) => row.lastActivityAt,
    renderCell: ({ row }) => <RelativeTime value={row.lastActivityAt} />,
  },
];
