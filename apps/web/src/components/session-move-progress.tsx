import type { SessionMove } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { formatDuration, formatNumber } from '../lib/format.ts';

const KIND: Record<SessionMove['kind'], string> = {
  failover: 'Failing over',
  fallback: 'Falling back',
};

export interface SessionMoveProgressProps {
  move: SessionMove;
  /** The service's now (the Lab knows it): says how long until it starts or ends. */
  now?: string;
}

/**
 * IM and Presence sessions moving off a node to its peer (failover, or a manual fallback):
 * sessions left of those at the start, and — when the service's time is known — how long until
 * sessions start moving (up to 15 minutes) or until the move ends.
 */
export function SessionMoveProgress({ move, now }: SessionMoveProgressProps) {
  const moved = move.sessionsAtStart - move.sessionsLeft;
  const percent = move.sessionsAtStart > 0 ? (moved / move.sessionsAtStart) * 100 : 100;
  const nowMs = now ? Date.parse(now) : null;
  const waiting = nowMs !== null && nowMs < Date.parse(move.startsAt);
  const timing =
    nowMs === null
      ? null
      : waiting
        ? `starts moving in ${formatDuration((Date.parse(move.startsAt) - nowMs) / 1000)}`
        : `done in ${formatDuration(Math.max(0, Date.parse(move.estimatedCompletionAt) - nowMs) / 1000)}`;
  return (
    <Box sx={{ minWidth: 180 }}>
      <Typography variant="caption" component="p">
        {KIND[move.kind]} to {move.toAddress}: {formatNumber(move.sessionsLeft)} of{' '}
        {formatNumber(move.sessionsAtStart)} sessions left
        {timing && ` · ${timing}`}
      </Typography>
      <LinearProgress
        variant={waiting ? 'indeterminate' : 'determinate'}
        value={percent}
        color="info"
        aria-label={`${KIND[move.kind]} to ${move.toAddress}`}
        sx={{ mt: 0.5, height: 4, borderRadius: 2 }}
      />
    </Box>
  );
}
