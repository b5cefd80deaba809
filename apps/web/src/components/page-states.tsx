import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EmptyState } from './empty-state.tsx';
import { ErrorState } from './error-state.tsx';
import { PageHeader } from './page-header.tsx';
import { RouterLink } from './router-link.tsx';

/** The small "← Users" link above a detail page's title. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <RouterLink
      to={to}
      variant="body2"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
    >
      <ArrowBackIcon sx={{ fontSize: 16 }} aria-hidden />
      {children}
    </RouterLink>
  );
}

export interface MissingPageProps {
  title: string;
  icon: ReactNode;
  message: string;
  description?: string;
  /** Where the one way out leads, and its words. */
  action: { to: string; label: string };
  back?: ReactNode;
}

/** A page whose subject does not exist (404): says so, and offers one way out. */
export function MissingPage({ title, icon, message, description, action, back }: MissingPageProps) {
  return (
    <>
      <PageHeader title={title} back={back} />
      <Paper variant="outlined">
        <EmptyState
          icon={icon}
          title={message}
          description={description}
          action={
            <Button variant="contained" component={Link} to={action.to}>
              {action.label}
            </Button>
          }
        />
      </Paper>
    </>
  );
}

/** A page whose data could not be loaded: the problem in plain words, and Retry. */
export function FailedPage({
  title,
  error,
  onRetry,
  back,
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
  back?: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} back={back} />
      <Paper variant="outlined">
        <ErrorState error={error} onRetry={onRetry} />
      </Paper>
    </>
  );
}
