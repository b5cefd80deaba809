import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  /** Beside the title: a status chip, for instance. */
  status?: ReactNode;
  subtitle?: ReactNode;
  /** Above the title: a back link or breadcrumbs. */
  back?: ReactNode;
  actions?: ReactNode;
}

/** The page's one h1, with the same spacing on every screen. */
export function PageHeader({ title, status, subtitle, back, actions }: PageHeaderProps) {
  return (
    <Box component="header" sx={{ mb: 3 }}>
      {/* React 19 hoists <title> into <head>. */}
      {typeof title === 'string' && <title>{`${title} · Hybrid Hub`}</title>}
      {back && <Box sx={{ mb: 1 }}>{back}</Box>}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h4" component="h1">
          {title}
        </Typography>
        {status}
        <Box sx={{ flexGrow: 1 }} />
        {actions}
      </Box>
      {subtitle && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {subtitle}
        </Typography>
      )}
    </Box>
  );
}
