import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { formatNumber } from '../lib/format.ts';

/** Green up to 60 %, amber up to 90 %, red above (of what the cluster or node can hold). */
export function capacityColor(percent: number): 'success' | 'warning' | 'error' {
  if (percent <= 60) return 'success';
  if (percent <= 90) return 'warning';
  return 'error';
}

export interface CapacityBarProps {
  used: number;
  capacity: number;
  /** Noun after the numbers: "12,340 of 30,000 users". */
  unit?: string;
  /** Narrow variant for table cells. */
  dense?: boolean;
}

export function CapacityBar({ used, capacity, unit = 'users', dense = false }: CapacityBarProps) {
  const percent = capacity > 0 ? (used / capacity) * 100 : 0;
  const text = `${formatNumber(used)} of ${formatNumber(capacity)}`;
  const tone = capacityColor(percent);
  return (
    <Box sx={{ minWidth: dense ? 120 : 200, width: '100%' }}>
      <Box
        sx={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'baseline',
          gap: 1,
          mb: 0.5,
        }}
      >
        <Typography
          variant={dense ? 'caption' : 'body2'}
          component="span"
          sx={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {text}
          {unit ? ` ${unit}` : ''}
        </Typography>
        <Typography
          variant="caption"
          component="span"
          color="text.secondary"
          sx={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {Math.round(percent)} %
        </Typography>
      </Box>
      <LinearProgress
        variant="determinate"
        value={Math.min(100, percent)}
        color={tone}
        // The colour's meaning, for tests and tools (the same attribute as StatusChip's).
        data-tone={tone}
        aria-label={`${text} ${unit}`.trim()}
        sx={{ height: dense ? 4 : 6, borderRadius: 3, bgcolor: 'action.hover' }}
      />
    </Box>
  );
}
