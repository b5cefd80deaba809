import { USER_STATUSES, type UserStatus } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { UserStatusChip } from '../../../components/user-status-chip.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { overviewQueries } from '../api/overview-queries.ts';

const CAPTION: Record<UserStatus, string> = {
  'Not activated': 'Message Service off',
  Pending: 'Being assigned to a connector',
  Active: 'Served by a connector',
  Error: 'Need attention',
};

function StatusTile({ status }: { status: UserStatus }) {
  const { data: count, isPending, isError } = useQuery(overviewQueries.userStatusCount(status));
  return (
    <Card variant="outlined" component="li" sx={{ listStyle: 'none' }}>
      <CardActionArea
        component={Link}
        to={`/users?status=${encodeURIComponent(status)}`}
        data-testid={`status-tile-${status}`}
        sx={{
          p: 2,
          height: '100%',
          '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main' },
        }}
      >
        <UserStatusChip status={status} />
        <Typography
          variant="h4"
          component="p"
          data-testid="status-count"
          sx={{ mt: 1.5, fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}
        >
          {isPending ? <Skeleton width={80} /> : isError ? '—' : formatNumber(count)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {CAPTION[status]}
        </Typography>
      </CardActionArea>
    </Card>
  );
}

/** Users by Message Service status; each tile opens the Users list filtered by it. */
export function UserStatusTiles() {
  return (
    <Box
      component="ul"
      aria-label="Users by status"
      sx={{
        m: 0,
        p: 0,
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' },
      }}
    >
      {USER_STATUSES.map((status) => (
        <StatusTile key={status} status={status} />
      ))}
    </Box>
  );
}
