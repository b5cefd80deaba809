import { USER_STATUSES, type UserStatus } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { formatNumber } from '../../../lib/format.ts';
import { userQueries } from '../api/user-queries.ts';

const DOT: Record<UserStatus, string> = {
  'Not activated': 'grey.500',
  Pending: 'info.main',
  Active: 'success.main',
  Error: 'error.main',
};

function CountButton({
  label,
  count,
  dot,
  selected,
  onClick,
}: {
  label: string;
  /** undefined while loading, null when the counts could not be read. */
  count: number | null | undefined;
  dot?: string;
  selected: boolean;
  onClick: () => void;
}) {
  return (
    <Box component="li" sx={{ listStyle: 'none' }}>
      <ButtonBase
        aria-pressed={selected}
        onClick={onClick}
        sx={{
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'flex-start',
          px: 2,
          py: 1.25,
          minWidth: 132,
          border: 1,
          borderColor: selected ? 'primary.main' : 'divider',
          borderRadius: 2,
          bgcolor: selected ? 'primary.light' : 'background.paper',
          textAlign: 'left',
          '&:hover': { borderColor: 'primary.main' },
          '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main' },
        }}
      >
        <Box
          component="span"
          sx={{ display: 'flex', alignItems: 'center', gap: 0.75, color: 'text.secondary' }}
        >
          {dot && (
            <Box
              component="span"
              aria-hidden
              sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: dot }}
            />
          )}
          <Typography variant="body2" component="span">
            {label}
          </Typography>
        </Box>
        <Typography
          variant="h6"
          component="span"
          sx={{ fontVariantNumeric: 'tabular-nums', minHeight: 28 }}
        >
          {count === undefined ? (
            <Skeleton width={56} />
          ) : count === null ? (
            '—'
          ) : (
            formatNumber(count)
          )}
        </Typography>
      </ButtonBase>
    </Box>
  );
}

/** Users by status at the top of the list; a count filters the list by its status. */
export function StatusCountsBar({
  status,
  onSelect,
}: {
  status: UserStatus | undefined;
  onSelect: (status: UserStatus | undefined) => void;
}) {
  const counts = useQuery(userQueries.statusCounts());
  // A failed read shows dashes, not a skeleton that never ends; the list itself still works.
  const data = counts.isError ? null : counts.data;
  return (
    <Box
      component="ul"
      aria-label="Users by status"
      sx={{ m: 0, mb: 2, p: 0, display: 'flex', flexWrap: 'wrap', gap: 1.5 }}
    >
      <CountButton
        label="All users"
        count={data === null ? null : data?.total}
        selected={status === undefined}
        onClick={() => onSelect(undefined)}
      />
      {USER_STATUSES.map((s) => (
        <CountButton
          key={s}
          label={s}
          count={data === null ? null : data && (data.byStatus[s] ?? 0)}
          dot={DOT[s]}
          selected={status === s}
          onClick={() => onSelect(status === s ? undefined : s)}
        />
      ))}
    </Box>
  );
}
