import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useId } from 'react';

export interface SectionCardProps {
  title: ReactNode;
  /** Heading level inside the page (h2 by default). */
  level?: 'h2' | 'h3';
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** No padding around the body: for tables that run edge to edge. */
  flush?: boolean;
  children: ReactNode;
}

/** A titled, outlined region of a page: a labelled `section` landmark. */
export function SectionCard({
  title,
  level = 'h2',
  subtitle,
  actions,
  flush = false,
  children,
}: SectionCardProps) {
  const id = useId();
  return (
    <Paper component="section" variant="outlined" aria-labelledby={id} sx={{ overflow: 'hidden' }}>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1,
          px: 2,
          py: 1.5,
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography id={id} variant="subtitle1" component={level} sx={{ fontWeight: 600 }}>
            {title}
          </Typography>
          {subtitle && (
            <Typography variant="body2" color="text.secondary">
              {subtitle}
            </Typography>
          )}
        </Box>
        {actions}
      </Box>
      <Box sx={flush ? undefined : { p: 2 }}>{children}</Box>
    </Paper>
  );
}
