import type { UserActivityTotals } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { lazy, Suspense } from 'react';
import { formatCount, formatNumber, formatPercent } from '../../../lib/format.ts';

const SIZE = 168;

// The charts library is most of the Overview's JavaScript: the donut comes after the figures,
// which say it all in words, in a box of its final size (nothing moves when it arrives).
const PieChart = lazy(async () => ({ default: (await import('@mui/x-charts/PieChart')).PieChart }));

interface Slice {
  id: 'active' | 'inactive';
  label: string;
  caption: string;
  value: number;
  percent: number;
  color: string;
}

/**
 * Users with the Message Service on, split by the 72-hour activity window (SPEC "Activity").
 * The donut is a picture of the figures beside it, which say it all in words: the numbers are
 * never left to the colours.
 */
export function UserActivityChart({ activity }: { activity: UserActivityTotals }) {
  const theme = useTheme();
  if (activity.enabled === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No user has the Message Service on yet: activity shows once users are activated.
      </Typography>
    );
  }
  const slices: Slice[] = [
    {
      id: 'active',
      label: 'Active Message Service Users',
      caption: 'Read or wrote a message through the service in the last 72 hours',
      value: activity.active,
      percent: activity.activePercent,
      color: theme.palette.success.main,
    },
    {
      id: 'inactive',
      label: 'Users not Active for 72 Hours or more',
      caption: 'Their sessions are released to save resources; a few (holidays) are normal',
      value: activity.inactive,
      percent: activity.inactivePercent,
      color: theme.palette.grey[400],
    },
  ];
  const summary = slices
    .map((s) => `${s.label}: ${formatNumber(s.value)} (${formatPercent(s.percent)})`)
    .join('; ');
  return (
    <Box
      sx={{
        display: 'flex',
        alignItems: 'center',
        gap: 3,
        flexWrap: 'wrap',
      }}
    >
      <Box
        role="img"
        aria-label={`Active vs inactive: ${summary}`}
        sx={{ position: 'relative', width: SIZE, height: SIZE, flexShrink: 0 }}
      >
        <Suspense fallback={null}>
          <PieChart
            width={SIZE}
            height={SIZE}
            hideLegend
            skipAnimation
            margin={0}
            series={[
              {
                data: slices.map(({ id, label, value, color }) => ({ id, label, value, color })),
                innerRadius: SIZE * 0.3,
                outerRadius: SIZE / 2 - 4,
                paddingAngle: activity.active > 0 && activity.inactive > 0 ? 1.5 : 0,
                cornerRadius: 3,
              },
            ]}
          />
        </Suspense>
        <Box
          aria-hidden
          sx={{
            position: 'absolute',
            inset: 0,
            display: 'grid',
            placeContent: 'center',
            textAlign: 'center',
            pointerEvents: 'none',
          }}
        >
          <Typography variant="h6" component="span" sx={{ lineHeight: 1.1 }}>
            {formatPercent(activity.activePercent)}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            active
          </Typography>
        </Box>
      </Box>
      <Box sx={{ display: 'grid', gap: 1.5, minWidth: 240, flex: 1 }}>
        <Typography variant="body2" color="text.secondary">
          Of {formatCount(activity.enabled, 'user')} enabled for the Message Service
        </Typography>
        <Box
          component="dl"
          sx={{
            m: 0,
            display: 'grid',
            gap: 1.25,
            gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
          }}
        >
          {slices.map((slice) => (
            <Box key={slice.id} data-testid={`activity-${slice.id}`}>
              <Box component="dt" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <Box
                  aria-hidden
                  sx={{ width: 10, height: 10, borderRadius: '2px', bgcolor: slice.color }}
                />
                <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
                  {slice.label}
                </Typography>
              </Box>
              <Box component="dd" sx={{ m: 0, pl: 2.25 }}>
                <Typography
                  variant="h6"
                  component="span"
                  sx={{ fontVariantNumeric: 'tabular-nums', mr: 1 }}
                >
                  {formatNumber(slice.value)}
                </Typography>
                <Typography variant="body2" component="span" color="text.secondary">
                  {formatPercent(slice.percent)}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="p">
                  {slice.caption}
                </Typography>
              </Box>
            </Box>
          ))}
        </Box>
      </Box>
    </Box>
  );
}
