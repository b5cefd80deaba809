import type { MaintenanceProgress as Progress } from '@hybrid-hub/contract';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { formatCount, formatDuration, formatNumber } from '../../../lib/format.ts';

/**
 * A node entering maintenance mode: how far the move is, and why it stopped if it did. The time
 * left comes from the users left and the rate, not from the clock: the Lab can fast-forward the
 * service's clock past the browser's.
 */
export function MaintenanceProgress({
  hostname,
  progress,
}: {
  hostname: string;
  progress: Progress;
}) {
  const percent =
    progress.usersAtStart > 0 ? (progress.usersMoved / progress.usersAtStart) * 100 : 100;
  const stuck = progress.stuckReason !== null;
  const secondsLeft = (progress.usersLeft / progress.ratePerMinute) * 60;
  return (
    <Box
      component="section"
      aria-label={`Maintenance progress of ${hostname}`}
      sx={{ display: 'grid', gap: 0.75, py: 0.5 }}
    >
      <LinearProgress
        variant="determinate"
        value={percent}
        color={stuck ? 'warning' : 'info'}
        aria-label={`Users moved off ${hostname}`}
        sx={{ height: 6, borderRadius: 3 }}
      />
      <Box
        sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2.5, rowGap: 0.25 }}
        aria-live="polite"
      >
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {formatCount(progress.usersLeft, 'user')} left
        </Typography>
        <Typography variant="body2">
          {formatNumber(progress.usersMoved)} of {formatNumber(progress.usersAtStart)} moved so far
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {stuck
            ? 'Estimated time: none while the move is stopped'
            : `Estimated time: ${formatDuration(secondsLeft)} left at ${formatNumber(progress.ratePerMinute)} users a minute`}
        </Typography>
      </Box>
      {stuck && (
        <Alert severity="warning" sx={{ py: 0 }}>
          <strong>The move has stopped.</strong> {progress.stuckReason} Users stay on this node
          until another node of the cluster can take them: bring a node back or make room, or use
          Exit maintenance mode to cancel the move.
        </Alert>
      )}
    </Box>
  );
}
