import type { DiagnosticCheck, DiagnosticResult } from '@hybrid-hub/contract';
import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DoNotDisturbOnOutlinedIcon from '@mui/icons-material/DoNotDisturbOnOutlined';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

const RESULT: Record<DiagnosticResult, { icon: ReactNode; label: string; color: string }> = {
  pass: {
    icon: <CheckCircleIcon color="success" aria-hidden />,
    label: 'Pass',
    color: 'success.dark',
  },
  fail: { icon: <CancelIcon color="error" aria-hidden />, label: 'Fail', color: 'error.dark' },
  'not applicable': {
    icon: <DoNotDisturbOnOutlinedIcon sx={{ color: 'text.disabled' }} aria-hidden />,
    label: 'Not applicable',
    color: 'text.secondary',
  },
};

/** One check of the checklist: the question, its result in words (not colour alone), why. */
export function DiagnosticCheckItem({ check }: { check: DiagnosticCheck }) {
  const result = RESULT[check.result];
  return (
    <Box
      component="li"
      sx={{
        display: 'grid',
        gridTemplateColumns: '24px 1fr auto',
        columnGap: 1.5,
        alignItems: 'start',
        py: 1.5,
        borderBottom: 1,
        borderColor: 'divider',
        '&:last-of-type': { borderBottom: 0 },
      }}
    >
      {result.icon}
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {check.name}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {check.detail}
        </Typography>
        {check.result === 'fail' && check.remedy && (
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            <strong>What to do:</strong> {check.remedy}
          </Typography>
        )}
      </Box>
      <Typography variant="caption" sx={{ color: result.color, fontWeight: 600, pt: 0.25 }}>
        {result.label}
      </Typography>
    </Box>
  );
}
