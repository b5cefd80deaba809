import FastForwardIcon from '@mui/icons-material/FastForward';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { SectionCard } from '../../../../components/section-card.tsx';
import { apiClient } from '../../../../lib/api-client.ts';
import { formatDateTime, formatDuration } from '../../../../lib/format.ts';
import { InlineForm } from '../inline-form.tsx';
import type { LabCommandProps } from './lab-command-props.ts';

const STEPS = [5, 15, 30, 60] as const;
const MAX_MINUTES = 24 * 60;

function stepLabel(minutes: number): string {
  return minutes % 60 === 0 ? `+${minutes / 60} h` : `+${minutes} min`;
}

/**
 * The organization's simulation clock: its now, and fast-forward by N minutes, so that a 15-minute
 * failover delay or a 30-minute session move can be watched in a few clicks. Another
 * organization's clock does not move with it.
 */
export function LabClock({
  now,
  offsetMinutes,
  busy,
  command,
}: LabCommandProps & { now: number; offsetMinutes: number }) {
  const [minutes, setMinutes] = useState('10');
  const value = Number(minutes);
  const valid = Number.isInteger(value) && value >= 1 && value <= MAX_MINUTES;
  const advance = (by: number) =>
    command(
      () => apiClient.request('advanceLabClock', { body: { minutes: by } }),
      `Clock moved ${formatDuration(by * 60).replace('about ', '')} forward`,
    );
  return (
    <SectionCard
      title="Simulation clock"
      subtitle="This organization's time: the real clock plus its fast-forwards. Its failovers, maintenance moves and automatic retries run on it; other organizations keep their own time."
    >
      <Box sx={{ display: 'grid', gap: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1.5, flexWrap: 'wrap' }}>
          <Typography variant="body2" color="text.secondary">
            Simulated time
          </Typography>
          <Typography variant="h6" component="p" data-testid="simulated-time">
            <time dateTime={new Date(now).toISOString()}>{formatDateTime(now)}</time>
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="clock-offset">
            {offsetMinutes === 0
              ? 'Real time: not fast-forwarded yet'
              : `${formatDuration(offsetMinutes * 60).replace('about ', '')} ahead of real time`}
          </Typography>
        </Box>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          {STEPS.map((step) => (
            <Button
              key={step}
              variant="outlined"
              size="small"
              disabled={busy}
              onClick={() => advance(step)}
              aria-label={`Fast-forward ${formatDuration(step * 60).replace('about ', '')}`}
              sx={{ mt: '4px' }}
            >
              {stepLabel(step)}
            </Button>
          ))}
          <Box sx={{ width: 16 }} />
          <InlineForm
            label="Fast-forward the clock"
            submitLabel="Fast-forward"
            canSubmit={valid && !busy}
            onSubmit={() => advance(value)}
          >
            <TextField
              size="small"
              type="number"
              label="Minutes"
              value={minutes}
              onChange={(event) => setMinutes(event.target.value)}
              disabled={busy}
              error={!valid}
              helperText={valid ? ' ' : `From 1 to ${MAX_MINUTES} (a day)`}
              slotProps={{ htmlInput: { min: 1, max: MAX_MINUTES, step: 1 } }}
              sx={{ width: 140 }}
            />
          </InlineForm>
        </Box>
        <Typography variant="caption" color="text.secondary" sx={{ display: 'flex', gap: 0.5 }}>
          <FastForwardIcon sx={{ fontSize: 16 }} aria-hidden />
          After a fast-forward the service does what has fallen due meanwhile. An IM and Presence
          failover starts up to 15 minutes after the outage, then moves sessions at a limited rate:
          5,000 sessions take about 30 minutes.
        </Typography>
      </Box>
    </SectionCard>
  );
}
