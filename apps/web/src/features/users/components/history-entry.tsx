import type { HistoryEntry } from '@hybrid-hub/contract';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { UserStatusChip } from '../../../components/user-status-chip.tsx';
import { formatDateTime } from '../../../lib/format.ts';

const DOT: Record<HistoryEntry['toStatus'], string> = {
  'Not activated': 'grey.500',
  Pending: 'info.main',
  Active: 'success.main',
  Error: 'error.main',
};

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 };

/** One change in a user's history: when, who, from → to, why, and where. */
export function HistoryEntryItem({ entry }: { entry: HistoryEntry }) {
  const where = [entry.cluster?.name, entry.node?.hostname].filter(Boolean).join(' / ');
  return (
    <Box
      component="li"
      sx={{
        position: 'relative',
        pl: 3,
        pb: 2.5,
        // The timeline's spine, from this dot down to the next.
        '&::before': {
          content: '""',
          position: 'absolute',
          left: 5,
          top: 14,
          bottom: 0,
          borderLeft: 2,
          borderColor: 'divider',
        },
        '&:last-of-type::before': { display: 'none' },
      }}
    >
      <Box
        aria-hidden
        sx={{
          position: 'absolute',
          left: 0,
          top: 4,
          width: 12,
          height: 12,
          borderRadius: '50%',
          bgcolor: DOT[entry.toStatus],
        }}
      />
      <Typography variant="caption" color="text.secondary" component="p">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
        {' · '}
        {entry.actor === 'system' ? 'by the system' : `by ${entry.actor}`}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, my: 0.5, flexWrap: 'wrap' }}>
        {entry.fromStatus ? (
          <UserStatusChip status={entry.fromStatus} />
        ) : (
          <Typography variant="body2" color="text.secondary">
            New
          </Typography>
        )}
        <ArrowForwardIcon sx={{ fontSize: 16, color: 'text.secondary' }} aria-label="to" />
        <UserStatusChip status={entry.toStatus} />
      </Box>
      <Typography variant="body2">{entry.message}</Typography>
      {(entry.code || where) && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.25 }}>
          {entry.code && (
            <Box component="span" sx={mono}>
              {entry.code}
            </Box>
          )}
          {entry.code && where && ' · '}
          {where}
        </Typography>
      )}
    </Box>
  );
}
