import Chip from '@mui/material/Chip';
import { alpha, type Theme } from '@mui/material/styles';

export type StatusTone = 'default' | 'info' | 'success' | 'warning' | 'error';

/** A tone's pill, text and dot colours (the Users grid draws the same pill with a class). */
export function toneColors(theme: Theme, tone: StatusTone) {
  if (tone === 'default') {
    return {
      bg: theme.palette.grey[200],
      fg: theme.palette.grey[800],
      dot: theme.palette.grey[500],
    };
  }
  const palette = theme.palette[tone];
  return { bg: alpha(palette.main, 0.12), fg: palette.dark, dot: palette.main };
}

export interface StatusChipProps {
  label: string;
  tone: StatusTone;
  title?: string;
}

/** A soft, dotted status pill: the one look every status in the console shares. */
export function StatusChip({ label, tone, title }: StatusChipProps) {
  return (
    <Chip
      size="small"
      label={label}
      title={title}
      data-tone={tone}
      sx={(theme) => {
        const c = toneColors(theme, tone);
        return {
          bgcolor: c.bg,
          color: c.fg,
          fontWeight: 500,
          height: 22,
          '& .MuiChip-label': { px: 1 },
          '&::before': {
            content: '""',
            width: 6,
            height: 6,
            borderRadius: '50%',
            bgcolor: c.dot,
            ml: 1,
            flexShrink: 0,
          },
        };
      }}
    />
  );
}
