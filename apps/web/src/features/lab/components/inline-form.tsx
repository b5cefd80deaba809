import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { ReactNode } from 'react';

/** One Lab edit: its field(s) and the button that applies it, on one line; Enter submits. */
export function InlineForm({
  label,
  submitLabel,
  canSubmit,
  onSubmit,
  children,
  extra,
}: {
  /** Names the form for assistive technology. */
  label: string;
  submitLabel: string;
  canSubmit: boolean;
  onSubmit: () => void;
  children: ReactNode;
  /** After the submit button: a shortcut that fills the field, for instance. */
  extra?: ReactNode;
}) {
  return (
    <Box
      component="form"
      aria-label={label}
      sx={{ display: 'flex', alignItems: 'flex-start', gap: 1.5, flexWrap: 'wrap' }}
      onSubmit={(event) => {
        event.preventDefault();
        if (canSubmit) onSubmit();
      }}
    >
      {children}
      {/* Level with a small text field, whose helper text hangs below it. */}
      <Button type="submit" variant="contained" disabled={!canSubmit} sx={{ mt: '2px' }}>
        {submitLabel}
      </Button>
      {extra}
    </Box>
  );
}
